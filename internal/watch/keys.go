package watch

import (
	"io"
)

// Key is one keypress: a printable rune, or one of the named keys.
type Key rune

// Named keys, outside the printable range.
const (
	KeyUp    Key = -1
	KeyDown  Key = -2
	KeyEnter Key = '\r'
	KeyEsc   Key = 27
	KeyCtrlC Key = 3
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

// decode splits one read into keys; arrow keys arrive as ESC [ A / ESC [ B.
func decode(b []byte) []Key {
	var out []Key
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == 27 && i+2 < len(b) && b[i+1] == '[' && b[i+2] == 'A':
			out = append(out, KeyUp)
			i += 2
		case b[i] == 27 && i+2 < len(b) && b[i+1] == '[' && b[i+2] == 'B':
			out = append(out, KeyDown)
			i += 2
		case b[i] == 27 && i+2 < len(b) && b[i+1] == '[':
			i += 2 // another escape sequence: ignored
		case b[i] == '\n':
			out = append(out, KeyEnter)
		default:
			out = append(out, Key(b[i]))
		}
	}
	return out
}
