# What Benchmarks/diff-speed and Benchmarks/generate-speed share; sourced.

# Builds the tool as it ships (release; on Linux with the Swift runtime
# linked in, as it starts fastest) from the package at $1, and prints its path.
build_release_tool() {
    local static=()
    [ "$(uname)" = "Linux" ] && static=(--static-swift-stdlib)
    "${SWIFT:-swift}" build -c release "${static[@]}" --package-path "$1" --product ideogram-codegen >&2
    echo "$1/.build/release/ideogram-codegen"
}

# The median of a list of numbers, one a line.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The smallest of a list of numbers, one a line.
fastest() { sort -n | head -1; }

# Milliseconds from $1 to $2 (two $EPOCHREALTIME readings), with $3 decimals.
milliseconds() { echo "$1 $2" | awk -v d="$3" '{ printf "%.*f\n", d, ($2 - $1) * 1000 }'; }
