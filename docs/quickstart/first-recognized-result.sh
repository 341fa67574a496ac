#!/usr/bin/env bash
# From a fresh start of HuRen (demo alliance seeded) to a result of HR-SEC1 that HR-CORE may reuse.
# Every step is one request the README shows; QuickStartIT runs the same requests with these files.
set -euo pipefail
cd "$(dirname "$0")"
BASE=${BASE:-http://localhost:8080}
token() { curl -sf -u "$1:huren-demo" -d grant_type=client_credentials "$BASE/oauth2/token" \
          | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
TODAY=$(date -u +%F); NOW=$(date -u +%FT%TZ); VALID_UNTIL=$(( $(date -u +%Y) + 2 ))-12-31
fill() { sed -e "s/@TODAY@/$TODAY/" -e "s/@NOW@/$NOW/g" -e "s/@VALID_UNTIL@/$VALID_UNTIL/" "$1"; }
json() { curl -sf -H "Authorization: Bearer $QC" -H 'Content-Type: application/json' "$@"; }

# 1. the demo alliance's QC manager (network QC client): while the demo labs have no EQA or IQC history yet,
#    "not yet known" evidence does not block recognition (the onboarding policy of an alliance)
QC=$(token huren-qc-network)
json -X PUT --data-binary @policy.json "$BASE/api/alliances/demo/recognition-policy" >/dev/null

# 2. an on-site assessment (现场评估) of HR-SEC1: the 11 dimensions scored, closed ACCREDITED for K and GLU
A=$(fill assessment.json | json -X POST --data-binary @- "$BASE/api/assessments" \
    | sed 's/.*"assessmentId":"\([^"]*\)".*/\1/')
for d in PERSONNEL LAB_MANAGEMENT ITEM_ADMISSION QUALITY_SYSTEM REPORT_FORMAT INSTRUMENTS EQA IQC \
         INFORMATION_SYSTEM REAGENTS OTHER; do
  json -X PUT --data-binary @score.json "$BASE/api/assessments/$A/scores/$d" >/dev/null
done
fill accreditation.json | json -X POST --data-binary @- "$BASE/api/assessments/$A/closure" >/dev/null

# 3. HR-SEC1's LIS posts a patient with a potassium and a glucose result, measured now
LIS=$(token lis-hr-sec1)
POSITION=$(fill bundle.json | curl -sf -D - -o /dev/null -H "Authorization: Bearer $LIS" \
           -H 'Content-Type: application/fhir+json' --data-binary @- "$BASE/fhir" \
           | tr -d '\r' | sed -n 's/^[Xx]-[Hh]u[Rr]en-[Ee]vent-[Pp]osition: //p')

# 4. HR-CORE, where the patient is seen next, asks whether it may reuse the potassium result (waiting until the
#    recognition read model has caught up with the write)
CORE=$(token lis-hr-core)
curl -sf -G -H "Authorization: Bearer $CORE" -H "X-HuRen-Await-Position: $POSITION" \
     "$BASE/fhir/Observation/\$reusable" --data-urlencode alliance=demo \
     --data-urlencode 'patient.identifier=https://huren.example.org/sid/national-id|110101199003071233' \
     --data-urlencode 'code=http://loinc.org|2823-3'
echo
