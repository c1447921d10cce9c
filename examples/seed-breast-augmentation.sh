#!/usr/bin/env bash
# The seed's breast augmentation, its ten steps from consultation to a paid bill, against a
# running Contour (npm start):
#   ADMIN_EMAIL=… ADMIN_PASSWORD=… bash examples/seed-breast-augmentation.sh
# Uses an empty clinic: the fee schedule, items, template and room it creates must not exist yet.
: "${ADMIN_EMAIL:?set ADMIN_EMAIL}" "${ADMIN_PASSWORD:?set ADMIN_PASSWORD}"
set -euo pipefail
B=${CONTOUR_URL:-http://127.0.0.1:3000}/api/v1
j() { node -pe "JSON.parse(require('fs').readFileSync(0)).$1"; }
TOKEN=$(curl -sS --fail-with-body $B/auth/login -H 'content-type: application/json' -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | j accessToken)
AUTH="authorization: Bearer $TOKEN"
JSON='content-type: application/json'
echo "## fee schedule"
curl -sS --fail-with-body -X PUT $B/fee-schedule/19325 -H "$AUTH" -H "$JSON" -d '{"description":"Breast augmentation with implant","surgeonFee":"7000.00","facilityFee":"200.00"}'; echo
echo "## items"
curl -sS --fail-with-body $B/inventory/items -H "$AUTH" -H "$JSON" -d '{"code":"breast-implant-300cc-round","name":"Silicone breast implant 300cc round","category":"IMPLANT","manufacturer":"Mentor","size":"300cc","shape":"Round","unitPrice":"400.00","isBillable":true,"requiresSerialNumber":true,"hcpcsCode":"L8600"}'; echo
curl -sS --fail-with-body $B/inventory/items -H "$AUTH" -H "$JSON" -d '{"code":"surgical-sutures","name":"Absorbable sutures","category":"SUTURE","unitPrice":"12.50","isBillable":false,"requiresSerialNumber":false}'; echo
echo "## stock: three implants of one lot, a box of sutures"
IMPLANT=$(curl -sS --fail-with-body "$B/inventory/items?search=breast-implant-300cc-round" -H "$AUTH" | j 'data[0].id')
SUTURES=$(curl -sS --fail-with-body "$B/inventory/items?search=surgical-sutures" -H "$AUTH" | j 'data[0].id')
EXPIRES=$(node -pe 'new Date(Date.now() + 400 * 864e5).toISOString().slice(0, 10)')
curl -sS --fail-with-body $B/inventory/items/$IMPLANT/batches -H "$AUTH" -H "$JSON" -d "{\"batchNumber\":\"BATCH-2026-001\",\"expiresAt\":\"$EXPIRES\",\"serialNumbers\":[\"SN12345\",\"SN12346\",\"SN12347\"]}"; echo
curl -sS --fail-with-body $B/inventory/items/$SUTURES/batches -H "$AUTH" -H "$JSON" -d "{\"batchNumber\":\"SUT-2026-01\",\"expiresAt\":\"$EXPIRES\",\"quantity\":50}"; echo
echo "## operating room"
ROOM=$(curl -sS --fail-with-body $B/operating-rooms -H "$AUTH" -H "$JSON" -d '{"name":"OR 1"}' | j id)
echo "## consent template"
curl -sS --fail-with-body $B/consent-templates -H "$AUTH" -H "$JSON" -d '{"code":"BREAST_AUG_CONSENT_V2","version":2,"title":"Consent to breast augmentation","body":"I consent to breast augmentation with implants. Risks include capsular contracture, rupture and revision surgery.","cptCodes":["19325"]}'; echo
SURGEON=$(curl -sS --fail-with-body $B/users -H "$AUTH" -H "$JSON" -d '{"email":"dr.lee@example.com","name":"Dr. Ana Lee","role":"SURGEON","password":"surgeon-password-1"}' | j id)
PATIENT=$(curl -sS --fail-with-body $B/patients -H "$AUTH" -H "$JSON" -d '{"firstName":"Maria","lastName":"Lopez","dateOfBirth":"1990-03-14","sexAtBirth":"FEMALE"}' | j id)
echo "## consultation"
CONSULT=$(curl -sS --fail-with-body $B/consultations -H "$AUTH" -H "$JSON" -d "{\"patientId\":\"$PATIENT\",\"surgeonId\":\"$SURGEON\",\"consultationDate\":\"2026-11-24T09:30:00Z\",\"reason\":\"I want breast augmentation\"}" | j id)
echo "## plan"
PLAN_JSON=$(curl -sS --fail-with-body $B/procedure-plans -H "$AUTH" -H "$JSON" -d "{\"patientId\":\"$PATIENT\",\"consultationId\":\"$CONSULT\",\"procedureName\":\"Breast Augmentation\",\"procedureType\":\"COSMETIC\",\"primaryCPTCode\":\"19325\",\"cptCodes\":[\"19325\"],\"diagnosisCodes\":[],\"inventoryRequirements\":[{\"inventoryItemCode\":\"breast-implant-300cc-round\",\"quantity\":2,\"requiresSerialNumber\":true,\"sizeRequirement\":\"300cc\",\"shapeRequirement\":\"Round\"},{\"inventoryItemCode\":\"surgical-sutures\",\"quantity\":1}]}")
echo "$PLAN_JSON"
PLAN=$(echo "$PLAN_JSON" | j id)
echo "## quote"
curl -sS --fail-with-body $B/procedure-plans/$PLAN/quote -H "$AUTH" -H "$JSON" -d '{}'; echo
echo "## steps 5-6 by the patient, through her link (COPY: the url is answered once)"
URL=$(curl -sS --fail-with-body $B/procedure-plans/$PLAN/patient-link -H "$AUTH" -H "$JSON" -d '{"channel":"COPY"}' | j url)
echo "the patient's pages: $URL"
P="authorization: Bearer ${URL##*/p/}"; DOB='x-patient-date-of-birth: 1990-03-14'
curl -sS --fail-with-body $B/patient-portal -H "$P" -H "$DOB"; echo
echo "## consent (step 5): signed on the text she saw, with a drawn signature (a 1x1 PNG here)"
HASH=$(curl -sS --fail-with-body $B/patient-portal/consent -H "$P" -H "$DOB" | j contentHash)
PNG='data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
curl -sS --fail-with-body $B/patient-portal/consent/sign -H "$P" -H "$DOB" -H "$JSON" -d "{\"signerName\":\"Maria Lopez\",\"signatureImage\":\"$PNG\",\"contentHash\":\"$HASH\"}"; echo
echo "## the FDA breast implant checklist: every section initialed"
FDA=$(curl -sS --fail-with-body $B/patient-portal/fda-checklist -H "$P" -H "$DOB")
curl -sS --fail-with-body $B/patient-portal/fda-checklist/sign -H "$P" -H "$DOB" -H "$JSON" -d "$(echo "$FDA" | node -pe '
  const c = JSON.parse(require("fs").readFileSync(0));
  JSON.stringify({ initials: Object.fromEntries(c.sections.map((s) => [s.key, "ML"])), signerName: "Maria Lopez", contentHash: c.contentHash })')"; echo
echo "## approve (step 6), by the patient"
curl -sS --fail-with-body $B/patient-portal/approve -H "$P" -H "$DOB" -H "$JSON" -d '{}'; echo
echo "## the surgeon attests the checklist (SURGEON; the admin may too)"
curl -sS --fail-with-body $B/procedure-plans/$PLAN/fda-checklist/attest -H "$AUTH" -H "$JSON" -d '{}'; echo
echo "## readiness"
curl -sS --fail-with-body $B/procedure-plans/$PLAN/readiness -H "$AUTH"; echo
echo "## pre-allocate the implants (step 8; docs/design.md §4 wants them reserved before scheduling)"
REQ=$(echo "$PLAN_JSON" | j 'inventoryRequirements.find((r) => r.requiresSerialNumber).id')
curl -sS --fail-with-body $B/procedure-plans/$PLAN/inventory/$REQ/allocate -H "$AUTH" -H "$JSON" -d '{}'; echo
echo "## schedule the surgery (step 7)"
START=$(node -pe 'const d = new Date(Date.now() + 7 * 864e5); d.setUTCHours(8, 0, 0, 0); d.toISOString()')
END=$(node -pe 'const d = new Date(Date.now() + 7 * 864e5); d.setUTCHours(10, 0, 0, 0); d.toISOString()')
CASE=$(curl -sS --fail-with-body $B/surgical-cases -H "$AUTH" -H "$JSON" -d "{\"procedurePlanId\":\"$PLAN\",\"operatingRoomId\":\"$ROOM\",\"surgeonId\":\"$SURGEON\",\"scheduledStart\":\"$START\",\"scheduledEnd\":\"$END\"}" | tee /dev/stderr | j id); echo
echo "## surgery (step 9): start, sutures used, complete (the implants are consumed from the reservation)"
# booked for next week: starting it today needs a reason, which is audited
curl -sS --fail-with-body $B/surgical-cases/$CASE/start -H "$AUTH" -H "$JSON" -d '{"reason":"Trying the workflow ahead of the booked day"}'; echo
curl -sS --fail-with-body $B/surgical-cases/$CASE/inventory-usage -H "$AUTH" -H "$JSON" -d "{\"inventoryItemId\":\"$SUTURES\",\"quantity\":1}"; echo
BILL=$(curl -sS --fail-with-body $B/surgical-cases/$CASE/complete -H "$AUTH" -H "$JSON" -d '{}' | tee /dev/stderr | j billId); echo
echo "## the bill (step 10), paid in full"
curl -sS --fail-with-body $B/bills/$BILL -H "$AUTH"; echo
curl -sS --fail-with-body $B/bills/$BILL/payments -H "$AUTH" -H "$JSON" -d '{"amount":"8000.00","payer":"PATIENT","method":"CARD"}'; echo
echo "## the implant card: the staff's PDF, and the patient's cards through her link"
curl -sS --fail-with-body $B/surgical-cases/$CASE/implant-card -H "$AUTH" -o implant-card.pdf && echo "implant-card.pdf"
curl -sS --fail-with-body $B/patient-portal/implant-cards -H "$P" -H "$DOB"; echo
echo "## who has implant SN12345?"
curl -sS --fail-with-body $B/inventory/units/SN12345 -H "$AUTH"; echo
