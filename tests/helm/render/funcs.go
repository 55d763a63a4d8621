package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
)

// The deepest include chain Helm allows before it reports a loop.
const maxIncludeDepth = 1000

// funcMap is the function set of a Helm template: sprig's, less the two that read the
// environment (Helm removes them so that a render does not depend on the machine), plus
// Helm's own. include and tpl execute templates of root, which the caller fills afterwards.
func funcMap(root **template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")

	depth := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		if depth[name] >= maxIncludeDepth {
			return "", fmt.Errorf("include of %q nested too deeply: a loop?", name)
		}
		depth[name]++
		defer func() { depth[name]-- }()
		var out strings.Builder
		err := (*root).ExecuteTemplate(&out, name, data)
		return out.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := (*root).Clone()
		if err != nil {
			return "", err
		}
		parsed, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var out strings.Builder
		if err := parsed.Execute(&out, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(out.String(), "<no value>", ""), nil
	}
	funcs["required"] = func(message string, value interface{}) (interface{}, error) {
		if s, isString := value.(string); value == nil || (isString && s == "") {
			return value, errors.New(message)
		}
		return value, nil
	}
	// Without a cluster, lookup finds nothing, as in `helm template`.
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = func(text string) map[string]interface{} {
		parsed, err := parseYAML([]byte(text))
		if err != nil {
			return map[string]interface{}{"Error": err.Error()}
		}
		m, _ := parsed.(map[string]interface{})
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		text, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(text)
	}
	funcs["fromJson"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	return funcs
}
