package ingest

import "errors"

// prefetchSource reads rows of another source on its own goroutine, in batches, so that decoding and
// CSV parsing run on one core while rows are mapped on another. Rows keep their order; an error ends
// the stream after the rows before it.
type prefetchSource struct {
	src       rowSource
	batch     chan rowBatch
	done      chan struct{}
	cur       rowBatch
	pos       int
	checkUTF8 bool
	lastBad   int // badCell of the row Next returned last
}

type rowBatch struct {
	cells [][]string
	rows  []int
	bad   []int // badCell of each row, found on the reading goroutine
	err   error // set on the last batch
}

const prefetchBatch = 512

// errClosed is returned by Next after the stream has ended; callers stop at the first error.
var errClosed = errors.New("ingest: read past the end of the rows")

func newPrefetch(src rowSource, checkUTF8 bool) *prefetchSource {
	p := &prefetchSource{src: src, batch: make(chan rowBatch, 4), done: make(chan struct{}), checkUTF8: checkUTF8}
	go p.run()
	return p
}

func (p *prefetchSource) run() {
	defer close(p.batch)
	for {
		b := rowBatch{cells: make([][]string, 0, prefetchBatch), rows: make([]int, 0, prefetchBatch)}
		for len(b.cells) < prefetchBatch {
			cells, row, err := p.src.Next()
			if err != nil {
				b.err = err
				if row > 0 {
					b.rows = append(b.rows, row) // the row the error happened at
				}
				break
			}
			b.cells = append(b.cells, append([]string(nil), cells...))
			b.rows = append(b.rows, row)
			b.bad = append(b.bad, badCell(cells, p.checkUTF8))
		}
		select {
		case p.batch <- b:
		case <-p.done:
			return
		}
		if b.err != nil {
			return
		}
	}
}

func (p *prefetchSource) Next() ([]string, int, error) {
	for p.pos >= len(p.cur.cells) {
		if p.cur.err != nil {
			row := 0
			if len(p.cur.rows) > len(p.cur.cells) {
				row = p.cur.rows[len(p.cur.rows)-1]
			}
			return nil, row, p.cur.err
		}
		b, ok := <-p.batch
		if !ok {
			return nil, 0, errClosed
		}
		p.cur, p.pos = b, 0
	}
	i := p.pos
	p.pos++
	p.lastBad = p.cur.bad[i]
	return p.cur.cells[i], p.cur.rows[i], nil
}

func (p *prefetchSource) Describe() string { return p.src.Describe() }

// Close stops the reading goroutine and waits for it; the underlying source is closed by its owner.
func (p *prefetchSource) Close() error {
	close(p.done)
	for range p.batch {
	}
	return nil
}
