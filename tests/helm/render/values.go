package main

import (
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v2"
)

// Values as Helm holds them. Helm reads YAML by converting it to JSON first (the
// sigs.k8s.io/yaml way), so values have JSON's types: maps with string keys, []interface{},
// string, bool, nil and float64 for every number. The float64 matters: printed as is, 1048576
// becomes 1.048576e+06, which is why the chart passes numbers through int64.
type Values = map[string]interface{}

// parseYAML reads one YAML document into JSON types. YAML 1.1 rules apply (yaml.v2, as in
// Helm): "yes" and "on" are booleans, 0440 is octal.
func parseYAML(data []byte) (interface{}, error) {
	var raw interface{}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	converted, err := jsonable(raw)
	if err != nil {
		return nil, err
	}
	text, err := json.Marshal(converted)
	if err != nil {
		return nil, err
	}
	var out interface{}
	err = json.Unmarshal(text, &out)
	return out, err
}

// parseValues reads a values file; an empty file is an empty map.
func parseValues(data []byte) (Values, error) {
	parsed, err := parseYAML(data)
	if err != nil || parsed == nil {
		return Values{}, err
	}
	values, ok := parsed.(Values)
	if !ok {
		return nil, fmt.Errorf("the top level is a %T, not a map", parsed)
	}
	return values, nil
}

// jsonable turns yaml.v2's map[interface{}]interface{} into maps with string keys.
func jsonable(v interface{}) (interface{}, error) {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, item := range t {
			converted, err := jsonable(item)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = converted
		}
		return out, nil
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, item := range t {
			converted, err := jsonable(item)
			if err != nil {
				return nil, err
			}
			out[i] = converted
		}
		return out, nil
	default:
		return v, nil
	}
}

// toYAML is Helm's toYaml: through JSON (so keys come out sorted and numbers without
// exponents), then YAML, without the final newline.
func toYAML(v interface{}) string {
	text, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var generic interface{}
	if err := yaml.Unmarshal(text, &generic); err != nil {
		return ""
	}
	out, err := yaml.Marshal(generic)
	if err != nil {
		return ""
	}
	return trimFinalNewline(string(out))
}

func trimFinalNewline(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\n' {
		return s[:len(s)-1]
	}
	return s
}

// mergeFiles lays each -f file over the ones before it, as helm's command line does: maps
// merge key by key, anything else is replaced.
func mergeFiles(base, over Values) Values {
	out := make(Values, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		if overMap, ok := v.(Values); ok {
			if baseMap, ok := out[k].(Values); ok {
				out[k] = mergeFiles(baseMap, overMap)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesce lays the user's values over the chart's defaults. A null from the user removes the
// default, the way to switch off a default map entry such as runAsUser.
func coalesce(user, defaults Values) Values {
	out := make(Values, len(user))
	for k, v := range user {
		out[k] = v
	}
	for k, def := range defaults {
		mine, given := out[k]
		switch {
		case !given:
			out[k] = def
		case mine == nil:
			delete(out, k)
		default:
			mineMap, ok1 := mine.(Values)
			defMap, ok2 := def.(Values)
			if ok1 && ok2 {
				out[k] = coalesce(mineMap, defMap)
			}
		}
	}
	return out
}
