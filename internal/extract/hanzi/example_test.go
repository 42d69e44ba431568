package hanzi_test

import (
	"fmt"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
)

func ExampleToSimplified() {
	fmt.Println(hanzi.ToSimplified("政府信息公開工作年度報告"))
	// Output: 政府信息公开工作年度报告
}

func ExampleScript() {
	fmt.Println(hanzi.Script("我局繼續認真貫徹落實"), hanzi.Script("我局继续认真贯彻落实"))
	// Output: hant hans
}

func ExampleStripPinyin() {
	fmt.Println(hanzi.StripPinyin("我局繼續(xù)認(rèn)真貫徹落實《條例》(2019)"))
	// Output: 我局繼續認真貫徹落實《條例》(2019)
}
