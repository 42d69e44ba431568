package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/extract/hanzi"
	"github.com/nianbao/nianbao/internal/record"
	"github.com/nianbao/nianbao/internal/region"
	gotoml "github.com/pelletier/go-toml/v2"
)

// Meta is what a maintainer or a scraper knows about a report besides its text: a
// --meta FILE or a FILE.meta.toml beside the report. Every field that is set
// overrides what extraction infers.
type Meta struct {
	Agency record.Agency `toml:"agency"`
	Report MetaReport    `toml:"report"`
	Source MetaSource    `toml:"source"`
}

// MetaReport is the [report] table of a meta file.
type MetaReport struct {
	Year      int          `toml:"year"`
	Template  string       `toml:"template"`
	Title     string       `toml:"title"`
	Published *record.Date `toml:"published"`
}

// MetaSource is the [source] table of a meta file.
type MetaSource struct {
	URL string `toml:"url"`
}

// MaxMetaBytes bounds a meta file. A meta file is a few short fields: an agency's
// name and place, a year, a title, a date and an address.
const MaxMetaBytes = 64 << 10

// maxMetaKeyShown bounds an unknown key as an error shows it, in bytes.
const maxMetaKeyShown = 80

// metaFile is a meta file as go-toml decodes it: Meta with the date as TOML's.
type metaFile struct {
	Agency record.Agency `toml:"agency"`
	Report struct {
		Year      int               `toml:"year"`
		Template  string            `toml:"template"`
		Title     string            `toml:"title"`
		Published *gotoml.LocalDate `toml:"published"`
	} `toml:"report"`
	Source MetaSource `toml:"source"`
}

// LoadMeta reads a meta file. Unknown keys are errors, reported with their line, as
// is a file larger than MaxMetaBytes. It reads with go-toml, as records are read,
// in time linear in the file however it nests.
func LoadMeta(path string) (*Meta, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxMetaBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMetaBytes {
		return nil, fmt.Errorf("%s: larger than %d KB: a meta file is a few short fields", path, MaxMetaBytes>>10)
	}
	var mf metaFile
	dec := gotoml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&mf); err != nil {
		var unknown *gotoml.StrictMissingError
		if errors.As(err, &unknown) {
			msgs := make([]string, len(unknown.Errors))
			for i, e := range unknown.Errors {
				line, _ := e.Position()
				key := ""
				for _, part := range e.Key() {
					if key = record.JoinKey(key, part); len(key) > maxMetaKeyShown {
						key = strings.ToValidUTF8(key[:maxMetaKeyShown], "") + "…" // a hostile key may be megabytes
						break
					}
				}
				msgs[i] = fmt.Sprintf("%s:%d: unknown key %s (a meta file has [agency] name, province, city, county, division_code; [report] year, template, title, published; [source] url)", path, line, key)
			}
			return nil, errors.New(strings.Join(msgs, "\n"))
		}
		var de *gotoml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return nil, fmt.Errorf("%s:%d: %s", path, line, strings.TrimPrefix(de.Error(), "toml: "))
		}
		return nil, fmt.Errorf("%s: %v", path, strings.TrimPrefix(err.Error(), "toml: "))
	}
	m := Meta{Agency: mf.Agency, Source: mf.Source, Report: MetaReport{Year: mf.Report.Year, Template: mf.Report.Template, Title: mf.Report.Title}}
	if d := mf.Report.Published; d != nil {
		m.Report.Published = &record.Date{Year: d.Year, Month: time.Month(d.Month), Day: d.Day}
	}
	return &m, nil
}

var (
	// 统计期限自2017年1月1日起至2017年12月31日止 / 统计时限 / 统计期间
	statPeriod = regexp.MustCompile(`统计(?:期限|时限|期间|时间|区间|范围)[^0-9]{0,6}([0-9]{4})年\s*1月\s*1日`)
	// 2017年度政府信息公开, 2017年政府信息公开, 2017政府信息公开
	yearBeforeGIO = regexp.MustCompile(`([0-9]{4})\s*年?度?\s*(?:的)?(?:政府信息公开|政务公开|信息公开)`)
	yearAtStart   = regexp.MustCompile(`^([0-9]{4})\s*年度?`)
	dateCN        = regexp.MustCompile(`([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日`)
	dateCNAtEnd   = regexp.MustCompile(`([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$`)
	// 二〇一三年一月二十日, 二○一三年一月二十日 (○ for 〇)
	dateHan = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	// A scraper's header line: "标题: …", "发布时间: 2023-02-20 15:07", "原文链接: https://…".
	scraperField = regexp.MustCompile(`^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|索引号|发文日期|成文日期)\s*[:：]\s*(.*)$`)
	// The line a scraper puts between its header and the page's text.
	scraperBody = regexp.MustCompile(`^[=＝\-—]{3,}\s*正文\s*[=＝\-—]{3,}$`)
	dateISO     = regexp.MustCompile(`([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})`)
	titleWords  = regexp.MustCompile(`(?:年度报告|工作报告|年报)`)
	// An agency: Han characters (and brackets) ending in a body's name.
	agencyShape = regexp.MustCompile(`^[\p{Han}（）()·]{2,40}?(?:人民政府办公厅|人民政府办公室|人民政府|政府办公室|办公厅|办公室|委员会|管理委员会|局|厅|委|办|院|署|中心|会|所|部|行|站|处|馆|队|社|室)$`)
	// A bare division: 西峰区, 襄阳市, 湖北省, 恩施土家族苗族自治州.
	divisionShape = regexp.MustCompile(`^[\p{Han}]{1,20}(?:省|市|县|区|旗|自治州|州|盟|地区|自治县|自治旗)$`)
	// An agency named in running text: 抚顺市行政审批服务局在…, 西峰区人民政府2017年…
	agencyInText = regexp.MustCompile(`([\p{Han}]{2,12}?(?:省|市|县|区|旗|州|盟))([\p{Han}]{0,16}?(?:人民政府办公室|人民政府|办公厅|办公室|委员会|局|厅|委|办|院|署|中心))`)
)

// readMeta fills [agency] and [report] from the document and the meta overrides.
func (b *builder) readMeta(opts Options) error {
	r := b.rec
	m := opts.Meta
	if m == nil {
		m = &Meta{}
	}
	lines := b.doc.Lines

	title, titleLine := b.findTitle()
	r.Report.Title = title
	if m.Report.Title != "" {
		r.Report.Title = m.Report.Title
	}

	// The year: the statistics period, else the title, else the opening lines.
	year := 0
	if m.Report.Year != 0 {
		year = m.Report.Year
	}
	if year == 0 {
		for _, l := range lines {
			if mm := statPeriod.FindStringSubmatch(l); mm != nil {
				year, _ = strconv.Atoi(mm[1])
				break
			}
		}
	}
	if year == 0 && title != "" {
		if mm := yearBeforeGIO.FindStringSubmatch(title); mm != nil {
			year, _ = strconv.Atoi(mm[1])
		}
	}
	if year == 0 {
		for _, l := range head(lines, 12) {
			if mm := yearBeforeGIO.FindStringSubmatch(l); mm != nil {
				year, _ = strconv.Atoi(mm[1])
				break
			}
			if mm := yearAtStart.FindStringSubmatch(l); mm != nil {
				year, _ = strconv.Atoi(mm[1])
				break
			}
		}
	}
	if year < record.FirstYear || year > time.Now().Year() {
		return fmt.Errorf("cannot tell which year the report covers (found no 统计期限 or \"YYYY年度政府信息公开\" in the title or opening lines): give it in a meta file: REPORT.meta.toml beside the report (REPORT without its extension; for extract, also --meta FILE), a TOML file with [report] year = YYYY")
	}
	r.Report.Year = year

	r.Report.Published = b.findPublished(year, titleLine)
	if u := b.scraperValue("原文链接"); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		r.Source = &record.Source{URL: u}
	}
	if m.Report.Published != nil {
		r.Report.Published = m.Report.Published
	}

	// The agency: meta, else the title, else the page's 来源, else the text.
	name := m.Agency.Name
	if name == "" {
		name = agencyFromTitle(title)
	}
	if name == "" {
		name = b.agencyFromSource()
	}
	if name == "" {
		name = b.agencyFromText()
	}
	if name == "" {
		return fmt.Errorf("cannot tell which agency made the report (the title and text do not name it, e.g. they only say 我局): give it in a meta file: REPORT.meta.toml beside the report (REPORT without its extension; for extract, also --meta FILE), a TOML file with [agency] name = \"…\"")
	}
	r.Agency.Name = name

	// The region: resolved from the agency's name in the context of the text, then
	// overridden by what the meta file gives.
	ctx := m.Agency.Province + m.Agency.City + m.Agency.County + " " + strings.Join(head(lines, 40), "\n")
	place, err := opts.Regions.Resolve(name, ctx)
	metaRegion := m.Agency.Province != "" || m.Agency.City != "" || m.Agency.County != "" || m.Agency.DivisionCode != ""
	if err != nil && !metaRegion { // the meta file settles what the name does not
		var amb *region.AmbiguousError
		if errors.As(err, &amb) {
			b.warn("agency.region", "agency.division_code", "无法确定%s所在的行政区划（%v），可在meta文件中注明", name, err)
		} else if m.Agency.Province == "" {
			b.warn("agency.region", "agency.division_code", "未能从机关名称“%s”确定其行政区划，可在meta文件中注明", name)
		}
	}
	r.Agency.Province, r.Agency.City, r.Agency.County, r.Agency.DivisionCode = place.Province, place.City, place.County, place.Code
	if m.Agency.Province != "" || m.Agency.City != "" || m.Agency.County != "" {
		// The meta file names the region: resolve what it names, for the code.
		if p, err := opts.Regions.Resolve(m.Agency.Province+m.Agency.City+m.Agency.County, ctx); err == nil {
			r.Agency.Province, r.Agency.City, r.Agency.County, r.Agency.DivisionCode = p.Province, p.City, p.County, p.Code
		}
	}
	override(&r.Agency.Province, m.Agency.Province)
	override(&r.Agency.City, m.Agency.City)
	override(&r.Agency.County, m.Agency.County)
	override(&r.Agency.DivisionCode, m.Agency.DivisionCode)
	return nil
}

func override(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func head(lines []string, n int) []string {
	return lines[:min(n, len(lines))]
}

// findTitle returns the report's title and its line, or "" and -1. A title names the
// report (年度报告, 工作报告) in a short line near the top; one that names the agency
// (or follows the agency's line: "襄阳市行政审批局" / "2017年度政府信息公开年度报告") is
// preferred to one that does not, and one with a year to one without.
func (b *builder) findTitle() (string, int) {
	lines := b.doc.Lines
	best, bestLine, bestScore := "", -1, 0
	for i, l := range head(lines, 15) {
		t := strings.TrimSpace(l)
		if m := scraperField.FindStringSubmatch(t); m != nil {
			if m[1] != "标题" {
				continue
			}
			t = strings.TrimSpace(m[2]) // "标题: 平潭综合实验区2022年度…": the scraper's copy of the title
		}
		if len(t) > 60*3 || utf8.RuneCountInString(t) > 60 || hanzi.ContainsAny(t, "，。|>") || strings.Contains(t, "当前位置") {
			continue
		}
		if !titleWords.MatchString(t) || !strings.Contains(t, "信息公开") && !strings.Contains(t, "政务公开") {
			continue
		}
		score := 1
		if yearBeforeGIO.MatchString(t) {
			score++
		}
		if yearAtStart.MatchString(t) {
			// Look back for the agency, skipping dates and page metadata.
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				p := strings.TrimSpace(lines[j])
				if agencyShape.MatchString(p) || divisionShape.MatchString(p) {
					t = p + t
					score += 2
					break
				}
			}
		} else if agencyFromTitle(t) != "" {
			score += 2
		}
		if score > bestScore {
			best, bestLine, bestScore = t, i, score
		}
	}
	if best == "" && b.doc.Title != "" && titleWords.MatchString(b.doc.Title) {
		return strings.TrimSpace(b.doc.Title), -1
	}
	return best, bestLine
}

// agencyFromTitle returns the body a title names before its year or before the
// words of the report's subject: "衡山县行政审批服务局2020年政府信息公开工作报告" and
// "衡山县行政审批服务局政府信息公开工作2020年度报告" → 衡山县行政审批服务局; a bare
// division means its people's government: "西峰区2017年…" → 西峰区人民政府.
func agencyFromTitle(title string) string {
	title = strings.TrimSpace(bracketed.ReplaceAllString(title, ""))
	// "2019年上海市人民政府办公厅政府信息公开工作年度报告": the year comes first.
	if loc := yearAtStart.FindStringIndex(title); loc != nil {
		title = strings.TrimSpace(title[loc[1]:])
	}
	cut := len(title)
	if loc := yearInTitle.FindStringIndex(title); loc != nil {
		cut = loc[0]
	}
	for _, w := range []string{"政府信息公开", "政务公开", "信息公开"} {
		if i := strings.Index(title, w); i >= 0 && i < cut {
			cut = i
		}
	}
	if cut == 0 {
		return ""
	}
	name := strings.TrimSpace(title[:cut])
	name = strings.TrimPrefix(name, "关于")
	name = strings.TrimRight(name, "关于的 ")
	switch {
	case zoneShape.MatchString(name):
		return name + "管理委员会" // a zone is run by its 管委会, not a people's government
	case agencyShape.MatchString(name):
		return name
	case divisionShape.MatchString(name):
		return name + "人民政府"
	}
	return ""
}

// zoneShape is a development zone, pilot zone or the like: "平潭综合实验区".
var zoneShape = regexp.MustCompile(`^[\p{Han}]{2,20}(?:实验区|试验区|开发区|高新区|示范区|合作区|保税区|园区|片区)$`)

var (
	yearInTitle = regexp.MustCompile(`[0-9]{4}\s*年`)
	bracketed   = regexp.MustCompile(`^[【\[［（(][^】\]］）)]{0,20}[】\]］）)]`)
)

var bookTitle = regexp.MustCompile(`《[^》]*》`)

var sourceLine = regexp.MustCompile(`(?:来源|发布机构|发布单位|信息来源)\s*[:：]\s*([\p{Han}（）()]{2,40})`)

// agencyFromSource reads the page's "来源: 襄阳市行政审批局" metadata line.
func (b *builder) agencyFromSource() string {
	for _, l := range head(b.doc.Lines, 12) {
		if m := sourceLine.FindStringSubmatch(l); m != nil && agencyShape.MatchString(m[1]) {
			return m[1]
		}
	}
	return ""
}

// agencyFromText finds the first agency the opening text names with its place:
// "2016年,抚顺市行政审批服务局在市委市政府的正确领导下" → 抚顺市行政审批服务局. The
// signature at the end (an agency alone on a line before the date) is tried too.
func (b *builder) agencyFromText() string {
	lines := b.doc.Lines
	n := len(lines)
	for i := n - 1; i >= max(0, n-6); i-- {
		l := strings.TrimSpace(lines[i])
		if agencyShape.MatchString(l) && utf8.RuneCountInString(l) <= 30 {
			return l
		}
	}
	for _, l := range head(lines, 20) {
		l = bookTitle.ReplaceAllString(l, "《》") // 《甘肃省政府信息公开试行办法》 names no agency
		for _, m := range agencyInText.FindAllStringSubmatch(l, -1) {
			name := m[1] + m[2]
			if strings.HasPrefix(m[1], "本") || strings.HasPrefix(m[1], "我") || strings.HasPrefix(m[1], "全") {
				continue
			}
			if agencyShape.MatchString(name) {
				return name
			}
		}
	}
	return ""
}

// lastDate returns the last date in Chinese numerals a line prints, when it is a
// valid publication date.
func lastDate(l string, valid func(y, m, d int) *record.Date) *record.Date {
	ms := dateHan.FindAllStringSubmatch(l, -1)
	if len(ms) == 0 {
		return nil
	}
	m := ms[len(ms)-1]
	return valid(hanYear(m[1]), hanNumber(m[2]), hanNumber(m[3]))
}

// hanYear reads a year written digit by digit in Chinese numerals: 二〇一三 → 2013.
func hanYear(s string) int {
	n := 0
	for _, r := range s {
		d, ok := chineseDigits[r]
		if r == '○' || r == '〇' {
			d, ok = 0, true
		}
		if !ok {
			return 0
		}
		n = n*10 + int(d)
	}
	return n
}

// hanNumber reads a month or day in Chinese numerals: 一 → 1, 二十 → 20.
func hanNumber(s string) int {
	n, _ := parseChinese(s)
	return int(n)
}

// scraperHeader returns the number of lines of a scraper's header block above the
// page's text ("标题: …" … "==== 正文 ===="), or 0 when the document has none.
func (b *builder) scraperHeader() int {
	for i, l := range head(b.doc.Lines, 16) {
		if scraperBody.MatchString(strings.TrimSpace(l)) {
			return i + 1
		}
	}
	return 0
}

// scraperValue returns the value of a field of the scraper's header ("原文链接").
func (b *builder) scraperValue(field string) string {
	for _, l := range head(b.doc.Lines, b.scraperHeader()) {
		if m := scraperField.FindStringSubmatch(strings.TrimSpace(l)); m != nil && m[1] == field {
			return strings.TrimSpace(m[2])
		}
	}
	return ""
}

// findPublished returns the date printed on the report: the date under the
// signature at its end, else a date in brackets under the title, else the page's
// publication date near the top. A date before the statistics year ends is not a
// publication date.
func (b *builder) findPublished(year, titleLine int) *record.Date {
	lines := b.doc.Lines
	valid := func(y, mo, d int) *record.Date {
		if y < year || y > year+3 {
			return nil
		}
		if dt, err := record.NewDate(y, time.Month(mo), d); err == nil && (y > year || mo == 12) {
			return &dt
		}
		return nil
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	// printed is the date a line is, in Arabic or Chinese numerals.
	printed := func(l string) *record.Date {
		l = strings.Trim(strings.TrimSpace(l), "()（）")
		if m := dateCN.FindStringSubmatch(l); m != nil && m[0] == l {
			return valid(atoi(m[1]), atoi(m[2]), atoi(m[3]))
		}
		if m := dateHan.FindStringSubmatch(l); m != nil && m[0] == l {
			return valid(hanYear(m[1]), hanNumber(m[2]), hanNumber(m[3]))
		}
		return nil
	}
	// The report's last lines, tables (an appended 统计表) not counted.
	inTable := tableLines(b)
	var last []int
	for i := len(lines) - 1; i >= 0 && len(last) < 8; i-- {
		if !inTable[i] {
			last = append(last, i)
		}
	}
	// 1. A line that is only a date, near the end.
	for _, i := range last {
		if d := printed(lines[i]); d != nil {
			return d
		}
	}
	// 2. A date alone on a line (in brackets) right under the title.
	for i := max(0, titleLine); i < min(len(lines), max(0, titleLine)+4); i++ {
		if d := printed(lines[i]); d != nil {
			return d
		}
	}
	// 3. A date that closes a sentence or a signature on the report's last lines
	// ("平潭综合实验区管委会办公室 二〇一三年一月二十日"), the last one printed.
	for i := len(lines) - 1; i >= max(0, len(lines)-8); i-- {
		if d := lastDate(lines[i], valid); d != nil {
			return d
		}
	}
	// 4. A date that ends one of the last lines, after the signature it is glued to
	// ("平潭县人民政府2013年1月16日").
	for i := len(lines) - 1; i >= max(0, len(lines)-3); i-- {
		l := strings.TrimSpace(lines[i])
		if m := dateCNAtEnd.FindStringSubmatch(l); m != nil {
			if d := valid(atoi(m[1]), atoi(m[2]), atoi(m[3])); d != nil {
				return d
			}
		}
	}
	// 5. The page's publication date: a YYYY-MM-DD near the top, on the page's own
	// metadata line. A scraper's header is not the page: its date is when the page
	// went up, not a date the report prints.
	if b.scraperHeader() > 0 {
		return nil
	}
	for _, l := range head(lines, 8) {
		if !strings.Contains(l, "来源") && !strings.Contains(l, "发布") && !strings.Contains(l, "时间") && !strings.Contains(l, "日期") {
			continue
		}
		if m := dateISO.FindStringSubmatch(l); m != nil {
			if d := valid(atoi(m[1]), atoi(m[2]), atoi(m[3])); d != nil {
				return d
			}
		}
		if m := dateCN.FindStringSubmatch(l); m != nil {
			if d := valid(atoi(m[1]), atoi(m[2]), atoi(m[3])); d != nil {
				return d
			}
		}
	}
	return nil
}
