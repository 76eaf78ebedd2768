// Package worlds generates engagement worlds that are built unlike the
// toolkit's analyses, to validate them on data they were not derived from.
//
// Package simulate plants solidarity through the same logistic model and
// the same comrade rule that package comrades estimates, so recovering its
// coefficient checks the estimator, not the method. The worlds here share
// none of that machinery:
//
//   - engagement is a multiplicative rate, not a logit: an actor's activity
//     (heavy-tailed, log-normal) times the item's appeal (log-normal) times
//     the author's popularity (Pareto: preferential attention) times the
//     actor's taste for the item's topic (tastes correlated with group);
//   - follows are drawn by preferential attachment to popular authors, with
//     an optional same-group preference (exposure homophily);
//   - exposure is the feed of followed authors plus discovered items that
//     the data do not record: discovery favours items already engaged
//     (ranking feedback) and, optionally, items of the actor's own group
//     (algorithmic exposure homophily);
//   - posting and engaging follow a daily rhythm, delays are log-normal;
//   - when comradeship is planted it works through the rate and the speed of
//     reactions to comrades' posts (a multiplier and a faster delay), under a
//     comrade rule of the world's own (mutual follows, same group, or hidden
//     friendships that no follow records);
//   - "fast comrade groups" are circles of friends who react quickly to each
//     other's posts (organic, not coordinated); coordinated cells act on
//     boosted items together, with timing jitter that overlaps organic
//     delays.
//
// Each named Preset switches on one confounder with no solidarity at all
// (the nulls an analysis must not mistake for solidarity) or plants one
// mechanism of a chosen size. Generate returns a *simulate.Result, so every
// conversion that package offers (Events, FollowNetwork, WriteDir) applies;
// the Truth says what was planted and which exposures the data hide.
//
// Worlds are deterministic: the same Config, Seed included, gives the same
// world on every platform.
package worlds
