package report

// Help is how far up the hint ladder a koan's screen is: what it shows of
// help besides the failure. One table says what each rung shows and what
// the next press of h does, for the watcher, `koans hint` and `koans hint
// --more` alike.
type Help int

const (
	// NoHelp: the failure and the SQL only.
	NoHelp Help = iota
	// HintHelp: the hint, between the failure and the SQL it may point at.
	HintHelp
	// CompareHelp: the hint, and the learner's SQL beside the reference
	// solution's (shown even on a predict-first koan: asking is choosing).
	CompareHelp
)

// Rung is one step of the ladder.
type Rung struct {
	Hint    bool   // shows the hint
	Compare bool   // shows the SQL beside the solution's
	ShowSQL bool   // shows the SQL panel even when predict-first holds it back
	Next    string // what pressing h does from here, for the keys line
}

// Ladder is the hint ladder, rung by rung; h climbs it and wraps around.
var Ladder = [...]Rung{
	NoHelp:      {Next: "h hint"},
	HintHelp:    {Hint: true, Next: "h again: your SQL beside the solution's"},
	CompareHelp: {Hint: true, Compare: true, ShowSQL: true, Next: "h hide the hints"},
}

// Rung is what this level of help shows.
func (h Help) Rung() Rung {
	if h < 0 || int(h) >= len(Ladder) {
		return Ladder[NoHelp]
	}
	return Ladder[h]
}

// Up is the level one more press of h gives.
func (h Help) Up() Help { return Help((int(h) + 1) % len(Ladder)) }
