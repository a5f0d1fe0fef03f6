/// "Did you mean" suggestions for misspelt keys.
enum Spelling {
    /// The candidate nearest to `word` by edit distance, if it is at most 2 edits away
    /// (and fewer than the word's length); ties go to the earlier candidate.
    ///
    /// Complexity: O(*n* × *m*) per candidate for words of length *n* and *m*.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = min(2, word.count - 1)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= limit && distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between `a` and `b`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
