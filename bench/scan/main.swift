import Foundation
import GatehouseScan

// Image scanning against its floor, in one run:
//   1. SBOM + match of an OCI layout (the debootstrap image of scripts/scan-image.sh): scan the
//      layers once, write the SPDX document, match against the vulnerability index — against
//      the time to just decompress and list the same layers (`gzip -dc | tar -t`).
//   2. Matching 1,000 packages against 100,000 OSV records (synthetic, five ecosystems).
// Prints medians and the ratio.
//
//   swift build -c release --scratch-path .build-release --product gatehouse-bench-scan
//   eval "$(scripts/scan-image.sh env)"
//   .build-release/release/gatehouse-bench-scan --layout "$GATEHOUSE_TEST_SCAN_LAYOUT" [--runs 7]

let arguments = CommandLine.arguments
func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
let runs = option("--runs").flatMap(Int.init) ?? 7
let records = option("--records").flatMap(Int.init) ?? 100_000
let queries = option("--packages").flatMap(Int.init) ?? 1_000
guard let layout = option("--layout") ?? ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCAN_LAYOUT"] else {
    print("give --layout DIR:TAG (eval \"$(scripts/scan-image.sh env)\" names the debootstrap image)")
    exit(2)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = (ContinuousClock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
}

/// `gzip -dc LAYER | tar -t > /dev/null` for every layer, through /bin/sh.
func floor(_ input: ScanInput) throws -> Double {
    let commands = input.layers.map { "gzip -dc '\($0.path)' | tar -t >/dev/null" }.joined(separator: " && ")
    return try seconds {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", commands]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("the floor command failed: \(commands)") }
    }
}

/// `count` OSV records over five ecosystems, a tenth of them naming the image's own packages.
func syntheticRecords(_ count: Int, names: [String]) throws -> [OSVRecord] {
    let ecosystems = ["Debian:12", "PyPI", "npm", "Go", "Alpine:v3.19"]
    var out: [OSVRecord] = []
    out.reserveCapacity(count)
    for index in 0..<count {
        let ecosystem = ecosystems[index % ecosystems.count]
        let name =
            index % 10 == 0 && ecosystem == "Debian:12" && !names.isEmpty
            ? names[index / 10 % names.count] : "package-\(index % (count / 5))"
        let fixed = ecosystem == "Debian:12" || ecosystem == "Alpine:v3.19" ? "1.\(index % 7)-1" : "1.\(index % 7).0"
        let json = """
            {"id":"BENCH-\(index)","modified":"2026-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"\(ecosystem)","name":"\(name)"},
            "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"\(fixed)"}]}]}]}
            """
        out.append(try OSVRecord(json: Array(json.utf8)))
    }
    return out
}

let input = try OCILayout.input(layout)
print(
    "image \(layout): \(input.layers.count) layer(s), \(input.layers.reduce(0) { $0 + $1.size } >> 20) MiB compressed")
let probe = try ImageScanner().scan(input)
let names = probe.packages.map { $0.sourceName ?? $0.name }
print("\(probe.packages.count) packages; building \(records) synthetic records…")
let corpus = try syntheticRecords(records, names: names)
var matcher = VulnMatcher(records: [])
let build = seconds { matcher = VulnMatcher(records: corpus) }
print(String(format: "index built in %.2f s", build))

var floors: [Double] = []
var scans: [Double] = []
var findings = 0
for _ in 0..<runs {
    floors.append(try floor(input))
    scans.append(
        try seconds {
            let result = try ImageScanner().scan(input)
            let subject = SBOMSubject(
                name: result.name, digest: result.digest, distro: result.distro, packages: result.packages,
                created: Date(), toolVersion: "bench")
            _ = try SPDXWriter().write(subject)
            findings = matcher.findings(for: result).count
        })
}
let scanMedian = median(scans)
let floorMedian = median(floors)
print(
    String(
        format:
            "sbom+match  median %.3f s   floor (gzip -dc | tar -t) median %.3f s   ratio %.2fx   (%d findings, goal <= 1.5x and < 1 s)",
        scanMedian, floorMedian, scanMedian / floorMedian, findings))

// Matching alone: 1,000 packages (the image's, then synthetic ones named in the corpus).
var packages = probe.packages
var index = 0
while packages.count < queries {
    let ecosystem = [PackageKind.python, .npm, .golang][index % 3]
    packages.append(
        Package(
            kind: ecosystem, name: "package-\(index * 37 % (records / 5))", version: "1.3.0", purl: "pkg:x/\(index)"))
    index += 1
}
packages = Array(packages.prefix(queries))
let many = ScanResult(
    name: "bench", digest: probe.digest, distro: probe.distro, packages: packages, config: probe.config,
    layers: probe.layers, notes: [])
var matched = 0
let matching = (0..<max(runs, 5)).map { _ in seconds { matched = matcher.findings(for: many).count } }
print(
    String(
        format: "match %d packages against %d records: median %.2f ms (%d findings; goal < 100 ms)", packages.count,
        records, median(matching) * 1000, matched))
