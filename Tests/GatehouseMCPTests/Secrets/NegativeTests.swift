import Foundation
import Testing

@testable import GatehouseMCP

/// Realistic text that holds no secret: nothing may be reported.
@Suite struct NegativeTests {
    @Test func gitSHAs() {
        expectClean("commit 3f786850e387550fdab836ed7e6dc881de23001b\nAuthor: Dev <dev@example.com>")
        expectClean(#"{"sha": "3f786850e387550fdab836ed7e6dc881de23001b", "secret_scanning": "enabled"}"#)
        expectClean("api_key_commit = 3F786850E387550FDAB836ED7E6DC881DE23001B")
    }

    @Test func sha256Digests() {
        let digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        expectClean("docker pull alpine@sha256:\(digest)")
        expectClean(#"{"key_digest": "\#(digest)", "token_hash": "sha256:\#(digest)"}"#)
    }

    @Test func uuids() {
        expectClean(#"{"request_id": "550e8400-e29b-41d4-a716-446655440000"}"#)
        expectClean(#"{"idempotency_key": "550E8400-E29B-41D4-A716-446655440000"}"#)
        expectClean("token = 550e8400-e29b-41d4-a716-446655440000")
    }

    @Test func base64OfASentence() {
        let encoded = Data("The quick brown fox jumps over the lazy dog, twice.".utf8).base64EncodedString()
        expectClean(#"{"secret_message": "\#(encoded)"}"#)
        expectClean("auth_banner=" + Data("Welcome to the staging cluster".utf8).base64EncodedString())
    }

    @Test func prose() {
        expectClean(
            """
            To rotate a key, open the console and choose Security credentials. The secret is shown once;
            store the token in your password manager. Authorization happens through the gateway, and
            a bearer token must never be pasted into chat. Keys look like AKIA followed by sixteen
            characters, and GitHub tokens start with ghp_ — never commit them.
            """)
    }

    @Test func urlsWithoutPasswords() {
        expectClean("postgres://host/db")
        expectClean("https://user@host/repo.git")
        expectClean("git@github.com:org/repo.git")
        expectClean("https://example.com/search?q=token&key=value&page=2")
        expectClean("mongodb+srv://cluster0.example.mongodb.net/app?retryWrites=true")
    }

    @Test func emptyPasswords() {
        expectClean("password=")
        expectClean(#"{"password": ""}"#)
        expectClean("Server=db;User Id=sa;Password=;")
    }

    @Test func isoTimestamps() {
        expectClean(#"{"token_expires_at": "2024-05-01T12:34:56.789Z", "created": "2024-05-01T12:34:56+02:00"}"#)
        expectClean("secret rotated at 2025-11-29T08:35:00Z by key-rotator")
    }

    @Test func minifiedJSON() {
        let json =
            #"{"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"Found 3 repositories"}],"#
            + #""isError":false},"meta":{"nextPageToken":"CAUQAA","token_count":1532,"key":"owner/repo","#
            + #""integrity":"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==","#
            + #""resolved":"https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz","#
            + #""updated":"2024-05-01T12:34:56Z","etag":"W/\"5e3f-1a2b3c4d\"","auth":{"type":"oauth2","scopes":["repo"]}}}"#
        expectClean(json)
    }

    @Test func codeAndConfig() {
        expectClean(
            """
            let token = try await auth.fetchToken(for: user)
            password: ${DB_PASSWORD}
            api_key = os.environ["API_KEY"]
            secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>
            AWS_SECRET_ACCESS_KEY=$(aws configure get aws_secret_access_key)
            authorization: Bearer {{ token }}
            """)
    }

    @Test func emptyAndBinaryishInput() {
        expectClean("")
        expectClean(String(repeating: "=", count: 100))
        expectClean(String(repeating: "A", count: 1000))
        expectClean("ünïcødé 🔑 ключ 秘密 — no secrets here")
    }
}
