//go:build koans_postgres || koans_mysql

package dbreach

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// forwarder listens on a Unix socket, outside the sandbox, and joins each
// connection to the server's TCP address: a sandboxed process, which has
// no network, reaches that one server and nothing else.
type forwarder struct {
	ln      net.Listener
	network string
	address string
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	wg      sync.WaitGroup
}

// dialTimeout bounds reaching the server; a koan's own time limit bounds
// the rest.
const dialTimeout = 5 * time.Second

func forward(socket, network, address string) (*forwarder, error) {
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	ln, err := net.Listen("unix", socket)
	if err != nil {
		return nil, err
	}
	// Only the grader's user (and its sandboxes) may connect.
	if err := os.Chmod(socket, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	f := &forwarder{ln: ln, network: network, address: address, conns: map[net.Conn]struct{}{}}
	f.wg.Go(f.serve)
	return f, nil
}

func (f *forwarder) serve() {
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return // closed
		}
		f.wg.Go(func() { f.join(c) })
	}
}

// join copies bytes both ways until either side hangs up, then closes both.
func (f *forwarder) join(client net.Conn) {
	if !f.track(client) {
		return
	}
	defer f.untrack(client)
	server, err := net.DialTimeout(f.network, f.address, dialTimeout)
	if err != nil {
		return // the client sees its connection closed
	}
	if !f.track(server) {
		return
	}
	defer f.untrack(server)
	done := make(chan struct{}, 2)
	pipe := func(to, from net.Conn) {
		_, _ = io.Copy(to, from)
		done <- struct{}{}
	}
	go pipe(server, client)
	go pipe(client, server)
	<-done
	client.Close()
	server.Close()
	<-done
}

// track records a live connection so that Close can end it; false when the
// forwarder is already closed (the connection is closed then).
func (f *forwarder) track(c net.Conn) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conns == nil {
		c.Close()
		return false
	}
	f.conns[c] = struct{}{}
	return true
}

func (f *forwarder) untrack(c net.Conn) {
	c.Close()
	f.mu.Lock()
	delete(f.conns, c)
	f.mu.Unlock()
}

// Close stops listening, ends every live connection and waits for them.
func (f *forwarder) Close() error {
	err := f.ln.Close()
	f.mu.Lock()
	for c := range f.conns {
		c.Close()
	}
	f.conns = nil
	f.mu.Unlock()
	f.wg.Wait()
	return err
}
