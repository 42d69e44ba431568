package main

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/internal/extract/decode"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	doc, err := decode.Decode(os.Args[1], data)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, l := range doc.Lines {
		fmt.Printf("%d: %s\n", i+1, l)
	}
}
