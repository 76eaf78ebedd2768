package hashmix

// Fmix64 is MurmurHash3's 64-bit finaliser (fmix64 in Austin Appleby's
// MurmurHash3.cpp, public domain): a bijection on uint64 in which every
// input bit affects every output bit (avalanche), used to turn structured
// keys (small integers, packed index pairs, signature entries) into
// well-spread hashes. Fmix64(0) is 0. It is not splitmix64's finaliser,
// which has other shifts and multipliers (30, 27, 31; 0xbf58476d1ce4e5b9,
// 0x94d049bb133111eb).
//
//	k ^= k >> 33; k *= 0xff51afd7ed558ccd
//	k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53
//	k ^= k >> 33
func Fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}
