package grade

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Shard is one part of a batch split for grading on several machines:
// Index of Count, from 1.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	// Submissions are the whole batch's names in the order given, so
	// that merged shards are the gradebook of the whole batch, in its order.
	Submissions []string `json:"submissions"`
}

// ParseShard reads "i/n" (1 ≤ i ≤ n).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("--shard %s is not a shard: give i/n, with 1 ≤ i ≤ n (--shard 2/3)", s)
	}
	return Shard{Index: index, Count: count}, nil
}

// Holds reports whether the submission of this name is the shard's: by a
// hash of the name, so a submission stays in its shard however the batch
// is listed and whatever else it holds.
func (s Shard) Holds(name string) bool {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int(h.Sum64()%uint64(s.Count)) == s.Index-1
}

// ReadGradebook reads a gradebook that `koans grade --format json` wrote.
func ReadGradebook(r io.Reader, name string) (Gradebook, error) {
	var b Gradebook
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return b, fmt.Errorf("%s is not a gradebook (%v): give the JSON that `koans grade --format json` writes", name, err)
	}
	if b.Version != GradebookVersion {
		return b, fmt.Errorf("%s is a gradebook of version %d: this CLI reads version %d", name, b.Version, GradebookVersion)
	}
	return b, nil
}

// Merge makes one gradebook of shards of one batch (or of any gradebooks
// graded against the same originals): the batch's order when the shards
// know it, their rows in the order given otherwise. A submission of the
// batch that no shard holds is a row not graded, saying so.
func Merge(books []Gradebook, names []string) (Gradebook, error) {
	if len(books) == 0 {
		return Gradebook{}, fmt.Errorf("merge needs at least one gradebook")
	}
	out := Gradebook{Version: GradebookVersion, Phases: books[0].Phases, Submissions: []Row{}}
	rows := map[string]Row{}
	var given, order []string
	for i, b := range books {
		if !reflect.DeepEqual(b.Phases, out.Phases) {
			return Gradebook{}, fmt.Errorf("%s was graded against other originals than %s (their phases and koans differ): merge gradebooks of one grader", names[i], names[0])
		}
		if b.Shard != nil && order == nil {
			order = b.Shard.Submissions
		}
		if b.Shard != nil && order != nil && !slices.Equal(order, b.Shard.Submissions) {
			return Gradebook{}, fmt.Errorf("%s is a shard of another batch than %s: merge the shards of one `koans grade --shard` run", names[i], names[0])
		}
		for _, r := range b.Submissions {
			if _, dup := rows[r.Name]; dup {
				return Gradebook{}, fmt.Errorf("%s grades %s again: a submission may be in one gradebook only", names[i], r.Name)
			}
			rows[r.Name] = r
			given = append(given, r.Name)
		}
	}
	if order == nil {
		order = given
	}
	for _, name := range order {
		r, ok := rows[name]
		if !ok {
			r = Row{Name: name, Phases: map[string]int{}, Tampered: []string{}, Failing: []string{}, Missing: []string{}, Extra: []string{}, Koans: []Verdict{}, Attempted: []string{},
				Error: "its shard was not merged: grade it, or merge every shard's gradebook"}
		}
		out.Submissions = append(out.Submissions, r)
		delete(rows, name)
	}
	for _, name := range given {
		if r, ok := rows[name]; ok { // in no shard's batch: after the batch
			out.Submissions = append(out.Submissions, r)
		}
	}
	return out, nil
}
