import Foundation
import GatehouseCore
import GatehouseIdentity
import GatehouseRegistry
import HTTPTypes
import Hummingbird
import NIOCore

/// Registry responses: resources recorded, accepted types, manifests, JSON bodies, blob ranges.
extension RegistryRoutes {
    static func resource(_ path: RegistryPath) -> String {
        switch path {
        case .manifest(let repository, .tag(let tag)): "\(repository):\(tag)"
        case .manifest(let repository, .digest(let digest)): "\(repository)@\(digest)"
        case .blob(let repository, let digest), .referrers(let repository, let digest): "\(repository)@\(digest)"
        case .tags(let repository): repository.description
        }
    }

    /// The client's `Accept` list, every value, without parameters.
    static func accepted(_ request: Request) -> [String] {
        request.headers[values: .accept].flatMap { $0.split(separator: ",") }.compactMap {
            let type = $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
            return type.isEmpty || type.utf8.count > 200 ? nil : type
        }
    }

    static func manifestResponse(_ manifest: Manifest, head: Bool) -> Response {
        var response = json(manifest.bytes, type: manifest.mediaType, head: head)
        response.headers[HTTPField.Name("Docker-Content-Digest")!] = manifest.digest.description
        return response
    }

    static func json(_ body: Data, type: String, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentLength: String(body.count)]
        headers[HTTPField.Name("Docker-Distribution-API-Version")!] = "registry/2.0"
        return Response(
            status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    func blobResponse(
        _ file: String, digest: Digest, request: Request, context: some RequestContext, head: Bool
    ) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { throw GatehouseError(.ociBlobUnknown, "the blob \(digest) left the cache") }
        var headers: HTTPFields = [.contentType: "application/octet-stream", .acceptRanges: "bytes"]
        headers[HTTPField.Name("Docker-Content-Digest")!] = digest.description
        var status = HTTPResponse.Status.ok
        var range = size > 0 ? 0...(size - 1) : nil
        if let header = request.headers[.range] {
            guard let asked = Self.byteRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                throw GatehouseError(
                    .ociRangeInvalid, "the range \(header.prefix(60)) is not within the blob's \(size) bytes")
            }
            range = asked
            status = .partialContent
            headers[.contentRange] = "bytes \(asked.lowerBound)-\(asked.upperBound)/\(size)"
        }
        headers[.contentLength] = String(range.map { $0.count } ?? 0)
        guard !head, let range else { return Response(status: status, headers: headers) }
        let body = try await fileIO.loadFile(path: file, range: range, context: context)
        return Response(status: status, headers: headers, body: body)
    }

    /// `bytes=FIRST-LAST`, `bytes=FIRST-` or `bytes=-SUFFIX` (one range), within `size`.
    static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { return nil }
            return max(0, size - suffix)...(size - 1)
        }
        guard let start = Int(first), start >= 0, start < size else { return nil }
        guard let end = last.isEmpty ? size - 1 : Int(last), end >= start else { return nil }
        return start...min(end, size - 1)
    }

    /// An upstream `Link: </v2/ns/repo/tags/list?...>; rel="next"` pointed back at the proxy.
    static func rewrittenLink(_ link: String, _ repository: Repository) -> String {
        link.replacingOccurrences(of: "</v2/\(repository.path)/", with: "</v2/\(repository.proxyName)/")
    }
}
