{{/*
One service: its volume claim, its Service and its Deployment. Called with a dict:
  root       the chart's top-level context
  component  registratie or subsidies
  binary     the program in the image
  values     the service's own values (registration or subsidies)
  env        the service's own env entries, as YAML text
*/}}
{{- define "vc.workload" -}}
{{- $root := .root -}}
{{- $v := .values -}}
{{- $name := include "vc.componentName" . -}}
{{- $names := dict "root" $root "component" .component -}}
{{- $annotations := merge (dict) ($root.Values.podAnnotations | default dict) -}}
{{- if not $root.Values.applications.existingSecret }}
{{- /* The service reads its applications only at start: a change of them restarts it. */}}
{{- $sum := toJson $root.Values.applications.entries | sha256sum -}}
{{- $_ := set $annotations "checksum/applicaties" $sum -}}
{{- end }}
{{- if not $v.persistence.existingClaim }}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ $name }}-data
  labels: {{- include "vc.labels" $names | nindent 4 }}
  {{- if $v.persistence.keep }}
  annotations:
    helm.sh/resource-policy: keep
  {{- end }}
spec:
  accessModes: [ReadWriteOnce]
  {{- with $v.persistence.storageClass }}
  storageClassName: {{ . | quote }}
  {{- end }}
  resources:
    requests:
      storage: {{ $v.persistence.size | quote }}
---
{{- end }}
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels: {{- include "vc.labels" $names | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "vc.selectorLabels" $names | nindent 4 }}
  ports:
    - name: http
      port: {{ int64 $v.port }}
      targetPort: http
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels: {{- include "vc.labels" $names | nindent 4 }}
spec:
  # SQLite: one file, one writer process. A second replica, or a new pod started beside the
  # old one as a rolling update does, would wait for the ReadWriteOnce volume or fight over
  # the database's locks. So one pod, and the old one is gone before the new one starts.
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels: {{- include "vc.selectorLabels" $names | nindent 6 }}
  template:
    metadata:
      labels: {{- include "vc.labels" $names | nindent 8 }}
      {{- with $annotations }}
      annotations: {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      # The services never call the Kubernetes API.
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ include "vc.gracePeriod" $root }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets: {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext: {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "vc.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: [{{ printf "/usr/local/bin/%s" .binary | quote }}]
          ports:
            - name: http
              containerPort: {{ int64 $v.port }}
          env:
            - name: VC_PORT
              value: {{ int64 $v.port | quote }}
            {{- include "vc.commonEnv" $root | nindent 12 }}
            {{- with .env | trim }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with concat $root.Values.extraEnv $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          volumeMounts:
            - name: data
              mountPath: {{ include "vc.dataDir" $root }}
            - name: applicaties
              mountPath: {{ include "vc.applicationsDir" $root }}
              readOnly: true
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          # Unready from the moment SIGTERM starts the drain, so no new requests arrive.
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 2
          resources: {{- toYaml $v.resources | nindent 12 }}
          securityContext: {{- toYaml $root.Values.securityContext | nindent 12 }}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: {{ $v.persistence.existingClaim | default (printf "%s-data" $name) }}
        - name: applicaties
          secret:
            secretName: {{ include "vc.applicationsSecret" $root }}
            items:
              - key: {{ include "vc.applicationsKey" $root }}
                path: applications.txt
            defaultMode: 0440  # octal: readable by the owner and the group (fsGroup) only
      {{- with $root.Values.nodeSelector }}
      nodeSelector: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.tolerations }}
      tolerations: {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.affinity }}
      affinity: {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
