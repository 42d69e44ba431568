package site

import "sync"

// ordered runs work(i) for every i in [0, n) on workers goroutines, and done(i, r)
// with each result in the order of i, on the calling goroutine. At most window
// results wait for their turn, so memory is bounded by the work in flight, not by n.
// The first error done returns is returned; work still runs for the rest, whose
// results are dropped.
func ordered[T any](n, workers int, work func(i int) T, done func(i int, r T) error) error {
	workers = max(1, workers)
	window := 4 * workers
	slots := make([]chan T, window)
	for i := range slots {
		slots[i] = make(chan T, 1)
	}
	free := make(chan struct{}, window)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range n {
			free <- struct{}{}
			jobs <- i
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				slots[i%window] <- work(i)
			}
		})
	}
	var first error
	for i := range n {
		r := <-slots[i%window]
		<-free
		if first == nil {
			first = done(i, r)
		}
	}
	wg.Wait()
	return first
}
