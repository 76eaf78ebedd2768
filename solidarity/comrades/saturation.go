package comrades

import "math"

// saturation is the Aranda-Ordaz family of asymmetric links (Aranda-Ordaz
// 1981, doi:10.1093/biomet/68.2.357): how a latent engagement rate
// lambda = exp(eta) becomes the probability that an exposure is engaged,
//
//	P(engage) = 1 - (1 + alpha*lambda)^(-1/alpha)
//
// alpha 0 (the limit) is 1 - exp(-lambda), the hazard model (cloglog);
// alpha 1 is lambda/(1+lambda), the logit. Both are lambda for rare
// engagement and differ only in how fast it saturates. In every shape a
// comrade coefficient g multiplies the latent rate by exp(g); but the
// latent rate is the shape's own (-log(1-p) at alpha 0, the odds p/(1-p)
// at alpha 1), so exp(g) is a hazard ratio or an odds ratio, equal only
// where engagement is rare.
type saturation float64

// at returns P(engage), 1 - P(engage) and dP/deta at eta.
func (a saturation) at(eta float64) (p, q, dp float64) {
	lam := math.Exp(eta)
	if a == 0 {
		q = math.Exp(-lam)
		return -math.Expm1(-lam), q, lam * q
	}
	al := float64(a)
	logQ := -math.Log1p(al*lam) / al
	q = math.Exp(logQ)
	return -math.Expm1(logQ), q, lam * q / (1 + al*lam)
}

// eta is the link: the eta at which P(engage) = p, for p clamped away
// from 0 and 1.
func (a saturation) eta(p float64) float64 {
	p = math.Max(1e-9, math.Min(1-1e-9, p))
	if a == 0 {
		return math.Log(-math.Log1p(-p))
	}
	al := float64(a)
	return math.Log(math.Expm1(-al*math.Log1p(-p)) / al)
}

// deviance is minus twice the binomial log-likelihood of the cells at
// linear predictors eta (up to a constant).
func (a saturation) deviance(kept []PairCell, eta []float64) float64 {
	var ll float64
	for i, c := range kept {
		lam := math.Exp(eta[i])
		var logQ float64
		if a == 0 {
			logQ = -lam
		} else {
			logQ = -math.Log1p(float64(a)*lam) / float64(a)
		}
		if c.Engaged > 0 {
			ll += c.Engaged * math.Log(-math.Expm1(logQ))
		}
		if c.Exposures > c.Engaged { // 0 * -Inf would be NaN at a rate of +Inf
			ll += (c.Exposures - c.Engaged) * logQ
		}
	}
	if math.IsNaN(ll) {
		return math.Inf(1)
	}
	return -2 * ll
}
