#!/usr/bin/env bash
# Seals the resident IDs in bench_resident_stage into bench_resident_sealed, or checks stored workers against it
# (src/bench/SealResidentIds.java). Called from the generators' SQL through psql's \! (as $BENCH_SEAL).
#   src/bench/seal.sh seal|check [samples]
source "$(dirname "$0")/lib.sh"
seal_ids "$@"
