#!/usr/bin/env bash
# The shell steps of the GitHub Action (action.yml at the repository's root).
#
#   scripts/github-action.sh install   puts orgtree on PATH: the release archive of
#                                      ORGTREE_VERSION, or a build of this checkout
#   scripts/github-action.sh review    validates the tree, diffs it against the base,
#                                      writes the step summary and the one PR comment
#
# review reads the action's inputs from the environment:
#   ORGTREE_TREE         the tree's folder in the repository (default .)
#   ORGTREE_BASE         the revision to compare with (default origin/$GITHUB_BASE_REF)
#   ORGTREE_STATE        a state URL: the plan against that store follows the diff
#   ORGTREE_FORMAT       markdown (default) or text: how the report is written
#   ORGTREE_COMMENT      true (default): create or update the pull request's comment
#   ORGTREE_APPROVERS_FROM_REVIEWS  true: the approving reviewers are --approved-by
#   ORGTREE_REVIEWER_EMAILS  lines "LOGIN EMAIL" for reviewers without a public e-mail
# and GitHub's own variables (GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_REF,
# GITHUB_BASE_REF, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT). It calls `gh api` (GH_TOKEN)
# and `jq`. Exit status: 0, or 1 when the tree does not validate, orgtree reports
# trouble, or (with approvers from reviews) a change is not approved.
set -euo pipefail

marker='<!-- orgtree-diff -->'

install() {
  local prefix=${RUNNER_TEMP:-/tmp}/orgtree sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  local packages=(jq)
  command -v gh >/dev/null 2>&1 || packages+=(gh)
  if [ -n "${ORGTREE_VERSION:-}" ]; then
    packages+=(libyaml-0-2 libsqlite3-0 curl)
  else
    packages+=(libyaml-dev libsqlite3-dev pkg-config)
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
  mkdir -p "$prefix/bin"
  if [ -n "${ORGTREE_VERSION:-}" ]; then
    curl -fsSL "${ORGTREE_RELEASES:-https://github.com/your-org/orgtree/releases/download}/v$ORGTREE_VERSION/orgtree-$ORGTREE_VERSION-linux-$(uname -m).tar.gz" \
      | tar -xz -C "$prefix" --strip-components=1
  else
    local source
    source=$(cd "$(dirname "$0")/.." && pwd)
    swift build -c release --package-path "$source" --product orgtree
    cp "$(swift build -c release --package-path "$source" --show-bin-path)/orgtree" "$prefix/bin/"
  fi
  echo "$prefix/bin" >> "${GITHUB_PATH:-/dev/null}"
  "$prefix/bin/orgtree" --version
}

# The pull request's number, from the event (pull_request, pull_request_review) or the ref.
pull_request() {
  local number=""
  if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
    number=$(jq -r '.pull_request.number // .number // empty' "$GITHUB_EVENT_PATH")
  fi
  if [ -z "$number" ] && [[ "${GITHUB_REF:-}" =~ ^refs/pull/([0-9]+)/ ]]; then
    number=${BASH_REMATCH[1]}
  fi
  echo "$number"
}

# The e-mails of the people whose latest review of the pull request approves it, one a
# line: ORGTREE_REVIEWER_EMAILS's, else the e-mail of their public GitHub profile.
approvers() {
  local pr=$1 login email
  for login in $(gh api --paginate "repos/$GITHUB_REPOSITORY/pulls/$pr/reviews" \
      | jq -rs 'add // [] | map(select(.state == "APPROVED" or .state == "CHANGES_REQUESTED" or .state == "DISMISSED"))
                | group_by(.user.login) | map(last) | map(select(.state == "APPROVED") | .user.login) | .[]'); do
    email=$(printf '%s\n' "${ORGTREE_REVIEWER_EMAILS:-}" | awk -v l="$login" '$1 == l { print $2; exit }')
    [ -n "$email" ] || email=$(gh api "users/$login" | jq -r '.email // empty')
    if [ -n "$email" ]; then
      echo "approving review by $login: $email" >&2
      echo "$email"
    else
      echo "::warning::approving review by $login counts for nothing: no public e-mail on their GitHub profile and none in reviewer-emails" >&2
    fi
  done
}

review() {
  local tree=${ORGTREE_TREE:-.} base=${ORGTREE_BASE:-} format=${ORGTREE_FORMAT:-markdown}
  if [ -z "$base" ]; then
    # GITHUB_BASE_REF is set on pull_request events only; a review's event names the base too.
    local branch=${GITHUB_BASE_REF:-}
    if [ -z "$branch" ] && [ -f "${GITHUB_EVENT_PATH:-}" ]; then
      branch=$(jq -r '.pull_request.base.ref // empty' "$GITHUB_EVENT_PATH")
    fi
    [ -n "$branch" ] || { echo "::error::no base to compare with: set the base-ref input"; return 2; }
    base=origin/$branch
  fi
  case "$format" in markdown|text) ;; *) echo "::error::format is markdown or text, not '$format'"; return 2 ;; esac
  local work failed=0 pr
  work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/orgtree-action.XXXXXX")
  trap "rm -rf '$work'" EXIT
  pr=$(pull_request)

  local valid=0
  orgtree validate --format github "$tree" || valid=$?
  [ "$valid" = 0 ] || failed=1

  local gate=()
  if [ "${ORGTREE_APPROVERS_FROM_REVIEWS:-false}" = true ]; then
    [ -n "$pr" ] || { echo "::error::approvers-from-reviews needs a pull request"; return 1; }
    local list
    list=$(approvers "$pr" | paste -sd, -)
    gate=(--approved-by "$list")
  fi

  local code=0
  orgtree diff "$base:$tree" "HEAD:$tree" --format "$format" ${gate[@]+"${gate[@]}"} > "$work/diff" || code=$?
  if [ "$code" -ge 2 ]; then
    echo "::error::orgtree diff exited with $code"
    failed=1
  elif [ "$code" = 1 ] && [ "${#gate[@]}" -gt 0 ]; then
    echo "::error::some access changes are not approved by the right people (see the report)"
    failed=1
  fi
  {
    echo "$marker"
    if [ "$format" = markdown ]; then
      tail -n +2 "$work/diff"
    else
      printf '```\n%s\n```\n' "$(cat "$work/diff")"
    fi
    if [ -n "${ORGTREE_STATE:-}" ]; then
      local planned=0
      echo
      orgtree plan "$tree" --state "$ORGTREE_STATE" --format "$format" > "$work/plan" || planned=$?
      if [ "$format" = markdown ]; then cat "$work/plan"; else printf '```\n%s\n```\n' "$(cat "$work/plan")"; fi
      if [ "$planned" -ge 2 ]; then echo "::error::orgtree plan exited with $planned" >&2; failed=1; fi
    fi
  } > "$work/report.md"

  cat "$work/report.md" >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  {
    echo "diff-exit-code=$code"
    echo "valid=$([ "$valid" = 0 ] && echo true || echo false)"
  } >> "${GITHUB_OUTPUT:-/dev/null}"

  if [ "${ORGTREE_COMMENT:-true}" = true ] && [ -n "$pr" ]; then
    local id
    id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments?per_page=100" \
      | jq -rs --arg m "$marker" 'add // [] | map(select((.body // "") | startswith($m))) | first | .id // empty')
    if [ -n "$id" ]; then
      gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$work/report.md" > /dev/null
      echo "updated the orgtree comment $id on #$pr"
    else
      gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -F "body=@$work/report.md" > /dev/null
      echo "commented on #$pr"
    fi
  fi
  return "$failed"
}

case "${1:-}" in
  install) install ;;
  review) review ;;
  *) echo "usage: $0 install|review" >&2; exit 2 ;;
esac
