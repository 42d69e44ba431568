// Package textenc detects the encoding of a text or HTML file and decodes it to
// UTF-8: UTF-8 (with or without BOM), GB18030/GBK/GB2312, Big5 and UTF-16.
package textenc

import "errors"

// Decode detects the encoding of data and returns it as UTF-8 text with the name of
// the encoding it found ("utf-8", "gb18030", "big5", "utf-16le", "utf-16be").
// declared is an encoding the file declares (an HTML meta charset), or "": it is
// used when the bytes agree with it.
func Decode(data []byte, declared string) (text string, encoding string, err error) {
	return "", "", errors.New("textenc: not implemented yet")
}
