// Command gzserve serves a folder over HTTP as GitHub Pages does, for measuring
// the site with Lighthouse (tools/lighthouse/run.sh): text files gzip-compressed
// when the client accepts it, and every response cacheable for 10 minutes (Pages'
// max-age=600). It is a measuring aid, not part of the site or its build.
package main

import (
	"compress/gzip"
	"flag"
	"log"
	"net/http"
	"strings"
)

// pagesMaxAge is the Cache-Control GitHub Pages sends with every file.
const pagesMaxAge = "max-age=600"

// compressed are the endings of the files Pages serves gzip-compressed ("/" is a
// folder's index.html).
var compressed = []string{"/", ".html", ".css", ".js", ".json", ".txt", ".svg", ".xml", ".csv", ".toml"}

type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g *gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

func main() {
	dir := flag.String("dir", "public", "the folder to serve")
	addr := flag.String("addr", "127.0.0.1:8411", "the address to listen on")
	flag.Parse()
	files := http.FileServer(http.Dir(*dir))
	http.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", pagesMaxAge)
		text := false
		for _, end := range compressed {
			text = text || strings.HasSuffix(r.URL.Path, end)
		}
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw := gzip.NewWriter(w)
		defer zw.Close()
		files.ServeHTTP(&gzipWriter{w, zw}, r)
	}))
	log.Printf("serving %s at http://%s/", *dir, *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
