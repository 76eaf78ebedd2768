package comrades

import (
	"bytes"
	"encoding/gob"
)

// GobEncode writes an ActorLift with its dense person index, which gob
// would drop (it is unexported), so a Result kept by solidarity's memo
// still works with LiftByGroup. Exported fields go through gob as usual,
// so fields added later are kept without changing this.
func (a ActorLift) GobEncode() ([]byte, error) {
	type plain ActorLift // no methods: gob encodes the fields
	var b bytes.Buffer
	enc := gob.NewEncoder(&b)
	if err := enc.Encode(plain(a)); err != nil {
		return nil, err
	}
	if err := enc.Encode(a.person); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// GobDecode reads what GobEncode wrote.
func (a *ActorLift) GobDecode(data []byte) error {
	type plain ActorLift
	dec := gob.NewDecoder(bytes.NewReader(data))
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	var person int32
	if err := dec.Decode(&person); err != nil {
		return err
	}
	*a = ActorLift(p)
	a.person = person
	return nil
}
