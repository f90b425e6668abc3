# Shared by the end-to-end tests of the network stacks other than ifupdown
# (tests/e2e/trixie-*-convert.sh): sourced after lib-e2e.sh, never run.

# stack_again_and_undo ANSWERS: with the snapshot "after-apply" taken, a
# second --yes of the network step rewrites nothing, and --undo puts back
# every file of the snapshot "before".
stack_again_and_undo() {
	e2e_pw 30 --answers "$1" --yes --only network
	e2e_expect_rc "a second --yes succeeds" 0
	e2e_snap after-second
	e2e_same "the second apply rewrote no file" after-apply after-second \
		--exclude /var/log/paravm-wizard.log --exclude /var/lib/paravm-wizard/lock --mtime
	e2e_pw 30 --undo
	e2e_expect_rc "--undo succeeds" 0
	e2e_snap after-undo
	e2e_same "--undo restored every file byte for byte" before after-undo "${E2E_UNDO_EXCLUDES[@]}"
}

# out_has NAME ERE...: the last run's stdout matches every ERE.
out_has() {
	local name=$1 re
	shift
	for re in "$@"; do
		if ! grep -Eq -- "$re" "$RUN_OUT_FILE"; then
			not_ok "$name" "no /$re/ in: $(cat "$RUN_OUT_FILE")"
			return
		fi
	done
	ok "$name"
}
