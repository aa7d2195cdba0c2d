#!/usr/bin/env bash
# A real-time virtual microphone and speaker for machines without sound hardware (tests, CI):
# PulseAudio null sinks "vspeaker" and "micfeed", and a source "vmic" fed from micfeed's monitor.
# Feed the microphone with `paplay --device=micfeed answer.wav`. The defaults are left alone;
# tests pick the devices with PULSE_SOURCE=vmic / PULSE_SINK=vspeaker.
#   scripts/virtual-audio.sh start | stop
set -euo pipefail
command -v pactl >/dev/null 2>&1 || { echo "virtual-audio: pactl missing (apt install pulseaudio-utils)" >&2; exit 1; }
case "${1:-start}" in
  start)
    if ! pactl info >/dev/null 2>&1; then
      pulseaudio --start --exit-idle-time=-1 --log-target=syslog 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do pactl info >/dev/null 2>&1 && break; sleep 0.5; done
    fi
    pactl info >/dev/null 2>&1 || { echo "virtual-audio: could not start PulseAudio" >&2; exit 1; }
    pactl list short sinks | grep -q vspeaker || pactl load-module module-null-sink sink_name=vspeaker >/dev/null
    pactl list short sinks | grep -q micfeed || pactl load-module module-null-sink sink_name=micfeed >/dev/null
    pactl list short sources | grep -q vmic || pactl load-module module-remap-source source_name=vmic master=micfeed.monitor >/dev/null
    ;;
  stop)
    for module in $(pactl list short modules | awk '/sink_name=vspeaker|sink_name=micfeed|source_name=vmic/ {print $1}'); do
      pactl unload-module "$module" 2>/dev/null || true  # a remap source goes with its sink
    done
    ;;
esac
