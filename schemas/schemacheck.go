package schemas

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// checkSchema finds what makes the converted schema of e one that a JSON
// Schema validator checking it against the draft 7 meta-schema refuses:
// only the keywords the converter writes can be wrong, and only in a few
// ways, all of them in a CRD given with --crd (the API server would
// refuse the CRD). The error names the first such keyword, with its JSON
// pointer in the converted schema.
func checkSchema(e *Entry) error {
	if err := checkNode(converter{}.rootSchema(e.Schema), ""); err != nil {
		return fmt.Errorf("schema of %s does not compile: %v", e.GVK, err)
	}
	return nil
}

func checkNode(node map[string]any, ptr string) error {
	for _, key := range slices.Sorted(maps.Keys(node)) {
		if err := checkKeyword(key, node[key], ptr+"/"+key); err != nil {
			return err
		}
	}
	return nil
}

func checkKeyword(key string, v any, ptr string) error {
	switch key {
	case "type":
		for _, t := range v.([]any) {
			if _, ok := typeBits[t.(string)]; !ok {
				return fmt.Errorf("%s: '%s' is not a JSON Schema type", ptr, t)
			}
		}
		return unique(ptr, v.([]any))
	case "enum":
		return unique(ptr, v.([]any))
	case "required":
		req := v.([]string)
		list := make([]any, len(req))
		for i, r := range req {
			list[i] = r
		}
		return unique(ptr, list)
	case "pattern":
		if _, err := regexp.Compile(v.(string)); err != nil {
			return fmt.Errorf("%s: '%s' is not valid 'regex'", ptr, v)
		}
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		if n := v.(int64); n < 0 {
			return fmt.Errorf("%s: must be >= 0 but found %d", ptr, n)
		}
	case "properties":
		props := v.(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(props)) {
			if err := checkNode(props[name].(map[string]any), ptr+"/"+escapePointer(name)); err != nil {
				return err
			}
		}
	case "items", "additionalProperties", "not":
		if sub, ok := v.(map[string]any); ok {
			return checkNode(sub, ptr)
		}
	case "allOf", "anyOf", "oneOf":
		for i, b := range v.([]any) {
			if err := checkNode(b.(map[string]any), ptr+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// unique reports two equal items of a list the meta-schema wants unique.
func unique(ptr string, list []any) error {
	for i := 1; i < len(list); i++ {
		for j := range i {
			if jsonEqual(list[i], list[j]) {
				return fmt.Errorf("%s: items at index %d and %d are equal", ptr, j, i)
			}
		}
	}
	return nil
}

// escapePointer escapes a key as a JSON pointer token.
func escapePointer(key string) string {
	return pointerEscaper.Replace(key)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")
