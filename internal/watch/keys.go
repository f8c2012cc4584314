package watch

import (
	"io"
)

// Key is one keypress: a printable rune, or one of the named keys.
type Key rune

// Named keys, outside the printable range.
const (
	KeyUp        Key = -1
	KeyDown      Key = -2
	KeyPgUp      Key = -3
	KeyPgDn      Key = -4
	KeyHome      Key = -5
	KeyEnd       Key = -6
	KeyBackspace Key = 127
	KeyEnter     Key = '\r'
	KeyEsc       Key = 27
	KeyCtrlC     Key = 3
)

// ReadKeys turns a raw-mode terminal's bytes into keys until r ends.
func ReadKeys(r io.Reader) <-chan Key {
	keys := make(chan Key, 16)
	go func() {
		defer close(keys)
		buf := make([]byte, 64)
		for {
			n, err := r.Read(buf)
			for _, k := range decode(buf[:n]) {
				keys <- k
			}
			if err != nil {
				return
			}
		}
	}()
	return keys
}

// decode splits one read into keys; arrow keys arrive as ESC [ A / ESC [ B,
// page keys as ESC [ 5 ~ / ESC [ 6 ~, Home and End as ESC [ H / ESC [ F.
func decode(b []byte) []Key {
	var out []Key
	for i := 0; i < len(b); i++ {
		if b[i] == 27 && i+2 < len(b) && b[i+1] == '[' {
			// An escape sequence runs to its final byte, @ to ~.
			end := i + 2
			for end < len(b) && (b[end] < 0x40 || b[end] > 0x7e) {
				end++
			}
			if end == len(b) {
				end--
			}
			if k, ok := sequences[string(b[i+2:end+1])]; ok {
				out = append(out, k)
			}
			i = end // another escape sequence: ignored
			continue
		}
		switch b[i] {
		case '\n':
			out = append(out, KeyEnter)
		default:
			out = append(out, Key(b[i]))
		}
	}
	return out
}

var sequences = map[string]Key{
	"A": KeyUp, "B": KeyDown, "5~": KeyPgUp, "6~": KeyPgDn,
	"H": KeyHome, "F": KeyEnd, "1~": KeyHome, "4~": KeyEnd,
}
