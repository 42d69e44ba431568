package site

import (
	"fmt"
	"io"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// figureRow is one figure of the dataset's Parquet files: the long CSV's columns
// (figureColumns), the value a number and approx a boolean. Repeated strings (the agency, the table, row and column names) are
// dictionary-encoded, and every column is compressed with zstd.
type figureRow struct {
	Agency string  `parquet:"agency,dict,zstd"`
	Slug   string  `parquet:"agency_slug,dict,zstd"`
	Year   int32   `parquet:"year,zstd"`
	Table  string  `parquet:"table,dict,zstd"`
	Row    string  `parquet:"row,dict,zstd"`
	Column string  `parquet:"column,dict,zstd"`
	Value  float64 `parquet:"value,zstd"`
	// Approx: the report gives the figure as approximate ("13000余条"): Value is
	// its number, not an exact count.
	Approx       bool   `parquet:"approx,zstd"`
	Template     string `parquet:"template,dict,zstd"`
	DivisionCode string `parquet:"division_code,dict,zstd"`
}

// parquetBatch is how many rows are handed to the Parquet writer at a time.
const parquetBatch = 4096

// parquetRowGroup is the most rows a row group of a dataset file holds: a reader
// fetches a row group's column chunk at a time.
const parquetRowGroup = 1 << 20

// writeParquet writes the partition's figures as Parquet. The file's metadata names
// no version or build, so the same data gives the same bytes.
func (p *partition) writeParquet(w io.Writer) error {
	pw := parquet.NewGenericWriter[figureRow](w, parquet.CreatedBy("nianbao", "", ""), parquet.MaxRowsPerRowGroup(parquetRowGroup))
	batch := make([]figureRow, 0, parquetBatch)
	flush := func() error {
		if _, err := pw.Write(batch); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	err := p.eachRow(func(row []string) error {
		year, err := strconv.Atoi(row[2])
		if err != nil {
			return fmt.Errorf("year %q: %w", row[2], err)
		}
		v, err := strconv.ParseFloat(row[6], 64)
		if err != nil {
			return fmt.Errorf("value %q: %w", row[6], err)
		}
		batch = append(batch, figureRow{Agency: row[0], Slug: row[1], Year: int32(year), Table: row[3], Row: row[4], Column: row[5], Value: v,
			Approx: row[7] == "1", Template: row[8], DivisionCode: row[9]})
		if len(batch) == parquetBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return pw.Close()
}
