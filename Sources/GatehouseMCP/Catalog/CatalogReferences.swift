/// `${NAME}` references in environment and header values (docker semantics: NAME is the
/// environment variable of one of the server's secrets). A `$` not followed by `{` is literal.
enum CatalogReferences {
    /// Why a value's references cannot be read.
    struct Problem: Error, Equatable {
        /// What is wrong; never repeats the value.
        var message: String
    }

    /// The names referenced in `text`, in order, or why a reference is malformed.
    static func names(in text: String) -> Result<[String], Problem> {
        var names: [String] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let after = rest.index(after: dollar)
            guard after < rest.endIndex, rest[after] == "{" else {
                rest = rest[after...]
                continue
            }
            let start = rest.index(after: after)
            guard let end = rest[start...].firstIndex(of: "}") else {
                return .failure(Problem(message: "a reference ${ is not closed (expected ${NAME})"))
            }
            let name = String(rest[start..<end])
            guard CatalogChecks.isEnvironmentName(name) else {
                return .failure(
                    Problem(message: "a reference ${…} must name an environment variable ([A-Za-z_][A-Za-z0-9_]*)"))
            }
            names.append(name)
            rest = rest[rest.index(after: end)...]
        }
        return .success(names)
    }

    /// `text` with each `${NAME}` replaced by `values[NAME]` (empty when missing).
    static func substitute(_ text: String, values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest.index(after: dollar)
            guard after < rest.endIndex, rest[after] == "{",
                let end = rest[after...].firstIndex(of: "}")
            else {
                result.append("$")
                rest = rest[after...]
                continue
            }
            let name = String(rest[rest.index(after: after)..<end])
            result += values[name] ?? ""
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
