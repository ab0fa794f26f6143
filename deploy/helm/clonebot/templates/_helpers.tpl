{{- define "clonebot.name" -}}{{ .Chart.Name }}{{- end -}}

{{- define "clonebot.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "clonebot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ include "clonebot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "clonebot.qdrantUrl" -}}
{{- if .Values.qdrant.enabled -}}
http://{{ .Release.Name }}-qdrant:6333
{{- else -}}
{{- required "set externalQdrant.url, or qdrant.enabled=true" .Values.externalQdrant.url -}}
{{- end -}}
{{- end -}}

{{- define "clonebot.secretRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ .secret }}
    key: {{ .key }}
    optional: {{ .optional | default false }}
{{- end -}}
