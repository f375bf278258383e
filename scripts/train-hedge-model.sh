#!/usr/bin/env bash
# scripts/train-hedge-model.sh — train or cross-validate the sentence uncertainty model (seeds/hedge-model.json):
#   scripts/train-hedge-model.sh cv      10-fold cross-validation on the training file, with the word-list baseline
#   scripts/train-hedge-model.sh train   retrain seeds/hedge-model.json (commit it with the lexicon it was trained with)
#   scripts/train-hedge-model.sh explain "A sentence."   every feature the model weighs in it
# The training file (HEDGE_DATA, default ../shared/data/conll2010-wikipedia/train.csv) stays outside the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

data=${HEDGE_DATA:-../shared/data/conll2010-wikipedia/train.csv}
command=${1:-cv}
shift || true
run() { dotnet run -c Release --project src/ClaimTracker.Language.Training -- "$@"; }

case "$command" in
  cv) run cv --data "$data" --lexicon seeds/lexicon.json --folds "${FOLDS:-10}" "$@" ;;
  train) run train --data "$data" --lexicon seeds/lexicon.json --out seeds/hedge-model.json "$@" ;;
  explain) run explain "$PWD/seeds/hedge-model.json" "$PWD/seeds/lexicon.json" "$@" ;;
  *) echo "usage: $0 cv|train|explain \"sentence\"" >&2; exit 2 ;;
esac
