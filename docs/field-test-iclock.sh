#!/usr/bin/env bash
# Field test of the ZKTeco push (ADMS / iclock) endpoints and the signed webhook, with curl: plays a terminal's
# session against a SmartEdu server the way apps/server/src/modules/attendance/iclock/iclock.test.ts does in
# process. Use it before installing a terminal in a school (over the school VPN), or to compare with what a
# real device sends (tcpdump on the server side).
#
#   BASE=http://smartedu.local:8080 SN=CQUJ224360199 bash docs/field-test-iclock.sh
#
# Steps 2–5 need the serial number registered and active (Điểm danh → Máy chấm công → Thêm máy, or claim it
# after step 1) and, to see the punches counted for someone, PIN 1001 mapped to a student or staff member.
# Optional: WEBHOOK_ID and WEBHOOK_SECRET (a webhook device's id and secret) for step 7.
set -euo pipefail

BASE="${BASE:-http://127.0.0.1:3000}"
SN="${SN:-CQUJ224360199}"
PIN="${PIN:-1001}"
# Punch times are the terminal's wall clock in Vietnamese time (Asia/Ho_Chi_Minh, UTC+7), whatever this
# machine's zone.
TODAY="$(TZ=Asia/Ho_Chi_Minh date +%F)"
TAB=$'\t'

step() { printf '\n=== %s\n' "$*"; }
call() { curl -sS -i --max-time 20 -H 'Connection: close' "$@"; echo; }

step "1. Handshake (expect 200, 'GET OPTION FROM: $SN', ATTLOGStamp=…, TimeZone=7; an unknown SN becomes pending)"
call "$BASE/iclock/cdata?SN=$SN&options=all&pushver=2.4.1&language=69"

step "2. ATTLOG upload without Content-Type, CRLF, one malformed line (expect 'OK: 2')"
printf '%s\r\n' \
  "$PIN${TAB}$TODAY 07:12:44${TAB}0${TAB}15${TAB}0${TAB}0${TAB}0" \
  "this line is not a punch" \
  "$PIN${TAB}$TODAY 16:45:03${TAB}255${TAB}15${TAB}0${TAB}0${TAB}0" >/tmp/smartedu-attlog.txt
call -X POST -H 'Content-Type:' --data-binary @/tmp/smartedu-attlog.txt \
  "$BASE/iclock/cdata?SN=$SN&table=ATTLOG&Stamp=9001"

step "3. The same batch again (expect 'OK: 2' and no new punches stored)"
call -X POST -H 'Content-Type:' --data-binary @/tmp/smartedu-attlog.txt \
  "$BASE/iclock/cdata?SN=$SN&table=ATTLOG&Stamp=9001"

step "4. Command poll (expect 'OK', or 'C:<id>:DATA UPDATE USERINFO …' lines after 'Gửi DS người dùng')"
poll="$(curl -sS --max-time 20 "$BASE/iclock/getrequest?SN=$SN&INFO=Ver%206.60,1,0,2,192.168.1.201")"
printf '%s\n' "$poll"

step "5. Command results (Return=0 marks each command done; expect 'OK')"
ids="$(printf '%s\n' "$poll" | sed -n 's/^C:\([0-9]*\):.*/\1/p')"
if [ -n "$ids" ]; then
  body="$(for id in $ids; do printf 'ID=%s&Return=0&CMD=DATA\n' "$id"; done)"
  call -X POST -H 'Content-Type:' --data-binary "$body" "$BASE/iclock/devicecmd?SN=$SN"
else
  echo "(no command queued)"
fi

step "6. Refusals: unknown SN upload (403), malformed SN (400), heartbeat (OK)"
call -X POST -H 'Content-Type:' --data-binary @/tmp/smartedu-attlog.txt \
  "$BASE/iclock/cdata?SN=UNKNOWN$RANDOM&table=ATTLOG&Stamp=1"
call "$BASE/iclock/cdata?SN=bad%0Aserial&options=all"
call "$BASE/iclock/ping?SN=$SN"

if [ -n "${WEBHOOK_ID:-}" ] && [ -n "${WEBHOOK_SECRET:-}" ]; then
  step "7. Signed webhook (expect 200 with accepted/duplicates), then a bad signature (expect 401)"
  body="{\"punches\":[{\"userId\":\"$PIN\",\"time\":\"$TODAY 07:20:00\",\"verify\":15}]}"
  ts="$(date +%s)"
  sig="$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" -hex | sed 's/^.*= //')"
  call -X POST -H 'Content-Type: application/json' -H "X-Timestamp: $ts" -H "X-Signature: $sig" \
    --data-binary "$body" "$BASE/api/devices/webhook/$WEBHOOK_ID"
  call -X POST -H 'Content-Type: application/json' -H "X-Timestamp: $ts" -H "X-Signature: ${sig/a/b}0" \
    --data-binary "$body" "$BASE/api/devices/webhook/$WEBHOOK_ID"
fi
rm -f /tmp/smartedu-attlog.txt
