package grade

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
)

// What the grader keeps of one koan process's output: a koan can print
// without end, and grading many submissions at once must not hold it all.
// The first headBytes and the last tailBytes are kept (the verdict's events,
// the assertion and the SQL come last); each line is cut at lineBytes.
const (
	headBytes = 128 << 10
	tailBytes = 128 << 10
	lineBytes = 16 << 10
	// stderrBytes is what is kept of test2json's own standard error, which
	// says why it could not run the binary, or how the binary died.
	stderrBytes = 64 << 10
)

// bounded keeps a head and a tail of lines and counts what falls between.
type bounded struct {
	head, tail         [][]byte
	headSize, tailSize int
	dropped            int
	headFull           bool
}

func (b *bounded) add(line []byte) {
	line = bytes.Clone(line)
	if !b.headFull {
		if b.headSize+len(line) <= headBytes {
			b.head = append(b.head, line)
			b.headSize += len(line)
			return
		}
		b.headFull = true
	}
	b.tail = append(b.tail, line)
	b.tailSize += len(line)
	for b.tailSize > tailBytes {
		b.tailSize -= len(b.tail[0])
		b.tail[0] = nil
		b.tail = b.tail[1:]
		b.dropped++
	}
}

// lines are what was kept, in order, with a line saying how many were
// dropped where they were (if dropped is not nil).
func (b *bounded) lines(dropped func(n int) []byte) [][]byte {
	out := slices.Clip(b.head)
	if b.dropped > 0 && dropped != nil {
		out = append(out, dropped(b.dropped))
	}
	return append(out, b.tail...)
}

// readLines hands each line of r to add, cut at lineBytes, without ever
// holding more of one line than that.
func readLines(r io.Reader, add func([]byte)) {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if room := lineBytes - len(long); room > 0 {
				long = append(long, chunk[:min(room, len(chunk))]...)
			}
			continue
		case long != nil:
			if room := lineBytes - len(long); room > 0 {
				long = append(long, chunk[:min(room, len(chunk))]...)
			}
			add(bytes.TrimRight(long, "\n"))
			long = nil
		case len(chunk) > 0:
			add(bytes.TrimRight(chunk[:min(lineBytes, len(chunk))], "\n"))
		}
		if err != nil {
			return
		}
	}
}

// capped is a writer that keeps its first max bytes and counts the rest.
type capped struct {
	buf     bytes.Buffer
	max     int
	dropped int
}

func (c *capped) Write(p []byte) (int, error) {
	keep := min(len(p), max(0, c.max-c.buf.Len()))
	c.buf.Write(p[:keep])
	c.dropped += len(p) - keep
	return len(p), nil
}

func (c *capped) String() string {
	if c.dropped == 0 {
		return c.buf.String()
	}
	return c.buf.String() + fmt.Sprintf("\n… %d more bytes dropped", c.dropped)
}
