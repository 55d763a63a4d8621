{{/*
Names and labels. The helpers that name one service take a dict: "root" (the chart's top-level
context) and "component" (registratie or subsidies, as the services call themselves in logs).
*/}}

{{/* "<release>-vrijwilligerscheck", or the release name alone when it already holds the chart
name. Cut to 50 characters, so that "-registratie" still fits a Service's 63. */}}
{{- define "vc.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end }}

{{- define "vc.componentName" -}}
{{- printf "%s-%s" (include "vc.fullname" .root) .component -}}
{{- end }}

{{- define "vc.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "vc.labels" -}}
{{ include "vc.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: vrijwilligerscheck
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "vc.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end }}

{{/* Where the volume is mounted and VC_DATA_DIR points: the same folder the image uses. */}}
{{- define "vc.dataDir" -}}
/var/lib/vrijwilligerscheck
{{- end }}

{{- define "vc.applicationsDir" -}}
/etc/vrijwilligerscheck
{{- end }}

{{/* The Secret with the applications: the operator's own, or the one this chart makes. */}}
{{- define "vc.applicationsSecret" -}}
{{- if .Values.applications.existingSecret -}}
{{- .Values.applications.existingSecret -}}
{{- else if .Values.applications.entries -}}
{{- printf "%s-applicaties" (include "vc.fullname" .) -}}
{{- else -}}
{{- $why := "applications.existingSecret or applications.entries is required" -}}
{{- required $why .Values.applications.existingSecret -}}
{{- end -}}
{{- end }}

{{- define "vc.applicationsKey" -}}
{{- if .Values.applications.existingSecret -}}
{{- .Values.applications.existingSecretKey -}}
{{- else -}}
applications.txt
{{- end -}}
{{- end }}

{{- define "vc.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl | trimSuffix "/" -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "https://%s" .Values.ingress.host -}}
{{- end -}}
{{- end }}

{{/* Seconds Kubernetes waits after SIGTERM: both drains, rounded up, and five to spare. */}}
{{- define "vc.gracePeriod" -}}
{{- $ms := add (int64 .Values.drainTimeoutMs) (int64 .Values.notificationsDrainMs) -}}
{{- add (div (add $ms 999) 1000) 5 -}}
{{- end }}

{{/* The variables both services read, in the README's configuration table. */}}
{{- define "vc.commonEnv" -}}
- name: VC_HOST
  value: "0.0.0.0"
- name: VC_DATA_DIR
  value: {{ include "vc.dataDir" . | quote }}
- name: VC_APPLICATIONS_FILE
  value: {{ printf "%s/applications.txt" (include "vc.applicationsDir" .) | quote }}
- name: VC_SYNCHRONOUS
  value: {{ .Values.synchronous | quote }}
- name: VC_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: VC_THREADS
  value: {{ int64 .Values.threads | quote }}
- name: VC_DRAIN_TIMEOUT_MS
  value: {{ int64 .Values.drainTimeoutMs | quote }}
- name: VC_NOTIFICATIES_DRAIN_MS
  value: {{ int64 .Values.notificationsDrainMs | quote }}
- name: VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN
  value: {{ int64 .Values.notificationsRetentionDays | quote }}
{{- with include "vc.publicUrl" . }}
- name: VC_PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.corsOrigins }}
- name: VC_CORS_ORIGINS
  value: {{ join "," . | quote }}
{{- end }}
{{- if .Values.demoData }}
- name: VC_DEMO_DATA
  value: "true"
{{- end }}
{{- end }}
