// Command render renders a Helm chart to Kubernetes manifests the way `helm template` does,
// built from Debian's Go packages alone (Debian ships no helm). It uses the parts Helm's own
// engine is made of: Go's text/template, the sprig functions, and Helm's include, tpl,
// required, lookup, toYaml, fromYaml, toJson and fromJson, with Helm's handling of values.
//
//	render [-f values.yaml]... [-name RELEASE] [-namespace NS] [-notes FILE] CHART_DIR
//
// Writes the manifests to stdout, each as "---", "# Source: <file>" and the document, in
// Helm's install order of kinds; NOTES.txt goes to the -notes file. Exit status 1 when the
// chart cannot be read or a template fails (e.g. a `required` value is missing).
//
// Limitation: no subcharts, no .Files, no .Capabilities and no --set; the chart under test
// uses none of them, and a template that does fails here rather than render wrongly.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	// semver/v3 by its folder: GOPATH mode maps "/v3" to it only for code inside GOPATH.
	"github.com/Masterminds/semver"
	"gopkg.in/yaml.v2"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	var files valueFiles
	flag.Var(&files, "f", "values file laid over the chart's values.yaml (repeatable)")
	release := flag.String("name", "release-name", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	notesFile := flag.String("notes", "", "file to write the rendered NOTES.txt to")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: render [-f values.yaml]... [-name R] [-namespace NS] CHART")
		os.Exit(2)
	}
	manifests, notes, err := render(flag.Arg(0), files, *release, *namespace)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	if *notesFile != "" {
		if err := os.WriteFile(*notesFile, []byte(notes), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "Error:", err)
			os.Exit(1)
		}
	}
	fmt.Print(manifests)
}

// chart is what Helm reads from a chart folder.
type chart struct {
	metadata  map[string]interface{} // .Chart
	values    Values                 // values.yaml
	templates map[string]string      // "<chart>/templates/<path>" to text
}

// chartFile holds the Chart.yaml fields a template may read, under the names Helm gives them.
type chartFile struct {
	APIVersion   string        `yaml:"apiVersion"`
	Name         string        `yaml:"name"`
	Version      string        `yaml:"version"`
	AppVersion   string        `yaml:"appVersion"`
	Description  string        `yaml:"description"`
	Type         string        `yaml:"type"`
	Keywords     []string      `yaml:"keywords"`
	Dependencies []interface{} `yaml:"dependencies"`
}

func loadChart(dir string) (*chart, error) {
	text, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	var meta chartFile
	if err := yaml.Unmarshal(text, &meta); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	if err := checkChartFile(dir, meta); err != nil {
		return nil, err
	}
	c := &chart{templates: map[string]string{}, metadata: map[string]interface{}{
		"APIVersion": meta.APIVersion, "Name": meta.Name, "Version": meta.Version,
		"AppVersion": meta.AppVersion, "Description": meta.Description, "Type": meta.Type,
		"Keywords": meta.Keywords,
	}}

	text, err = os.ReadFile(filepath.Join(dir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	if c.values, err = parseValues(text); err != nil {
		return nil, fmt.Errorf("values.yaml: %w", err)
	}

	templates := filepath.Join(dir, "templates")
	err = filepath.WalkDir(templates, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(file)
		rel, _ := filepath.Rel(templates, file)
		c.templates[path.Join(meta.Name, "templates", filepath.ToSlash(rel))] = string(body)
		return err
	})
	return c, err
}

// checkChartFile refuses what Helm refuses, and what this renderer does not do.
func checkChartFile(dir string, meta chartFile) error {
	if meta.APIVersion != "v2" {
		return fmt.Errorf("Chart.yaml: apiVersion is %q, not v2", meta.APIVersion)
	}
	if meta.Name == "" || meta.Version == "" {
		return errors.New("Chart.yaml: name and version are required")
	}
	if _, err := semver.StrictNewVersion(meta.Version); err != nil {
		return fmt.Errorf("Chart.yaml: version %q is not SemVer 2: %w", meta.Version, err)
	}
	if meta.Type != "" && meta.Type != "application" && meta.Type != "library" {
		return fmt.Errorf("Chart.yaml: type %q is neither application nor library", meta.Type)
	}
	if len(meta.Dependencies) > 0 {
		return errors.New("Chart.yaml: dependencies (subcharts) are not supported")
	}
	if _, err := os.Stat(filepath.Join(dir, "charts")); err == nil {
		return errors.New("charts/: subcharts are not supported")
	}
	return nil
}

func render(dir string, files []string, release, namespace string) (string, string, error) {
	c, err := loadChart(dir)
	if err != nil {
		return "", "", err
	}
	user := Values{}
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			return "", "", err
		}
		over, err := parseValues(text)
		if err != nil {
			return "", "", fmt.Errorf("%s: %w", file, err)
		}
		user = mergeFiles(user, over)
	}
	top := map[string]interface{}{
		"Values": coalesce(user, c.values),
		"Chart":  c.metadata,
		"Release": map[string]interface{}{
			"Name": release, "Namespace": namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
	}

	var root *template.Template
	root = template.New("gotpl").Option("missingkey=zero").Funcs(funcMap(&root))
	names := make([]string, 0, len(c.templates))
	for name, text := range c.templates {
		if _, err := root.New(name).Parse(text); err != nil {
			return "", "", err
		}
		names = append(names, name)
	}
	sort.Strings(names)

	var docs []document
	notes := ""
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") {
			continue // partials only define templates
		}
		top["Template"] = map[string]interface{}{
			"Name": name, "BasePath": path.Join(c.metadata["Name"].(string), "templates"),
		}
		var out strings.Builder
		if err := root.ExecuteTemplate(&out, name, top); err != nil {
			return "", "", err
		}
		text := strings.ReplaceAll(out.String(), "<no value>", "")
		if path.Base(name) == "NOTES.txt" {
			notes = text
			continue
		}
		split, err := splitDocuments(name, text)
		if err != nil {
			return "", "", err
		}
		docs = append(docs, split...)
	}
	return writeManifests(docs), notes, nil
}

// A document that Kubernetes would be sent.
type document struct {
	source string
	kind   string
	text   string
}

var separator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// splitDocuments cuts a rendered file at its "---" lines, drops the empty parts and reads the
// kind of each, failing on a part that is not YAML, as Helm does before it installs anything.
func splitDocuments(source, text string) ([]document, error) {
	var docs []document
	for _, part := range separator.Split(text, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		parsed, err := parseYAML([]byte(part))
		if err != nil {
			return nil, fmt.Errorf("YAML parse error on %s: %w", source, err)
		}
		head, _ := parsed.(map[string]interface{})
		kind, _ := head["kind"].(string)
		docs = append(docs, document{source: source, kind: kind, text: part})
	}
	return docs, nil
}

// The order in which Helm installs kinds, and so prints them; other kinds come last.
var installOrder = []string{
	"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
	"PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap",
	"StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
	"ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role",
	"RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
	"ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler",
	"StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
}

func writeManifests(docs []document) string {
	rank := func(kind string) int {
		for i, k := range installOrder {
			if k == kind {
				return i
			}
		}
		return len(installOrder)
	}
	sort.SliceStable(docs, func(i, j int) bool { return rank(docs[i].kind) < rank(docs[j].kind) })
	var out strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", d.source, d.text)
	}
	return out.String()
}
