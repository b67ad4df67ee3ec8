/// Random versions, close to each other and to the nasty corners, for the property tests.
enum VersionGenerators {
    static func dpkg(_ g: inout SeededGenerator) -> String {
        var text = g.chance(0.25) ? g.pick(["0:", "1:", "2:", "01:", "10:"]) : ""
        let hasEpoch = !text.isEmpty
        text += g.pick(["0", "1", "2", "10", "01", "9"])
        var pieces = ["0", "1", "2", "10", "00", ".", ".", "~", "~", "+", "a", "b", "z", "A", "Z", "rc", "~rc"]
        if hasEpoch { pieces.append(":") }
        text += g.run(pieces, count: 0...5)
        if g.chance(0.6) {
            if g.chance(0.1) { text += "-" + g.run(["1", "a", "."], count: 1...2) }
            text += "-" + g.pick(["0", "1", "2", "10", "1~", "1+b1", "1.1", "deb12u1", "0ubuntu1", "~1", "1a"])
        }
        if g.chance(0.05) { text += g.pick(["_", "-", "!", ":", "é"]) }
        if g.chance(0.03) { text = g.pick(["a", "~", ":1", "1:", "x:1", "-1"]) + text }
        return text
    }

    static func pep440(_ g: inout SeededGenerator) -> String {
        var text = g.chance(0.1) ? g.pick(["v", "V"]) : ""
        if g.chance(0.1) { text += g.pick(["0!", "1!", "2!", "00!"]) }
        text += g.pick(["0", "1", "2", "10", "01", "00"])
        text += g.run([".0", ".1", ".2", ".00", ".10"], count: 0...3)
        let separators = ["", "", ".", "-", "_"]
        if g.chance(0.4) {
            text += g.pick(separators) + g.pick(["a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "RC", "A"])
            text += g.pick(separators) + g.pick(["", "0", "1", "2", "10"])
        }
        if g.chance(0.3) {
            if g.chance(0.3) {
                text += "-" + g.pick(["0", "1", "2"])
            } else {
                text += g.pick(separators) + g.pick(["post", "rev", "r", "POST"]) + g.pick(separators)
                text += g.pick(["", "0", "1", "2"])
            }
        }
        if g.chance(0.3) { text += g.pick(separators) + g.pick(["dev", "DEV"]) + g.pick(["", "0", "1", "3"]) }
        if g.chance(0.25) {
            text += "+" + g.pick(["ubuntu", "1", "abc", "a1", "Local", "2"])
            text += g.run([".1", "-2", "_x", ".abc", ".10", ".01"], count: 0...2)
        }
        if g.chance(0.05) { text += g.pick([".", "+", "-", "x", "..1", "!"]) }
        return text
    }

    static func semver(_ g: inout SeededGenerator) -> String {
        let numbers = ["0", "1", "2", "10", "11"]
        var text = [g.pick(numbers), g.pick(numbers), g.pick(numbers)].joined(separator: ".")
        if g.chance(0.5) {
            let ids = ["alpha", "beta", "rc", "0", "1", "2", "10", "a-b", "-", "x1", "1a", "A", "Z"]
            text += "-" + (0..<Int.random(in: 1...3, using: &g)).map { _ in g.pick(ids) }.joined(separator: ".")
        }
        if g.chance(0.3) { text += "+" + g.pick(["build", "1", "001", "sha.5114f85", "x-y"]) }
        if g.chance(0.06) { text = g.pick(["01.0.0", "1.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b", "1.0.0_x"]) }
        return text
    }

    static func apk(_ g: inout SeededGenerator) -> String {
        var text = g.pick(["0", "1", "2", "10"]) + g.run([".0", ".1", ".2", ".10", ".01", ".001"], count: 0...3)
        if g.chance(0.2) { text += g.pick(["a", "b", "z"]) }
        text += g.run(
            ["_alpha", "_beta", "_pre", "_rc", "_cvs", "_svn", "_git", "_hg", "_p", "_p1", "_rc2", "_alpha10"],
            count: 0...2)
        if g.chance(0.1) { text += "~" + g.pick(["abc123", "0f", "ff"]) }
        if g.chance(0.6) { text += "-r" + g.pick(["0", "1", "2", "10"]) }
        return text
    }

    static func go(_ g: inout SeededGenerator) -> String {
        let numbers = ["0", "1", "2", "10"]
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return "v" + g.pick(numbers)
        case 1: return "v" + g.pick(numbers) + "." + g.pick(numbers)
        case 2, 3:
            let base = "v" + g.pick(numbers) + "." + g.pick(numbers) + "." + g.pick(numbers)
            let stamp = g.pick(["20230101000000", "20230101000001", "20221231235959"])
            let hash = g.pick(["abcdef123456", "000000000000"])
            return base + g.pick(["-", "-0.", "-pre.0."]) + stamp + "-" + hash + (g.chance(0.2) ? "+incompatible" : "")
        default:
            var text = "v" + g.pick(numbers) + "." + g.pick(numbers) + "." + g.pick(numbers)
            if g.chance(0.4) { text += "-" + g.pick(["alpha", "beta.1", "rc.1", "rc.10", "0", "1"]) }
            if g.chance(0.2) { text += "+incompatible" }
            return text
        }
    }
}
