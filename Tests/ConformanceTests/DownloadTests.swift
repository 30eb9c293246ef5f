import Testing

extension ConformanceSlowTests {
    /// Binary downloads: Box's file content, with the mock's byte pattern.
    @Suite(.needsMock) struct DownloadTests {
        /// The content as one `Data` (3 MB here), the `.ok` case of the call's outcome.
        @Test func contentAsData() async throws {
            let seen = try await Conformance.observation("downloads.boxContentAsData")
            try seen.expectSuccess()
            #expect(seen["valueCase"] == "ok", "\(seen)")
            #expect(seen["value", "size"] == 3_000_000, "\(seen)")
            #expect(seen["value", "followsMockPattern"] == true, "\(seen)")
        }

        /// Downloads to a file: 50 MB written to a file, never held whole.
        @Test func contentToAFile() async throws {
            let seen = try await Conformance.observation("downloads.boxContentToFile")
            try seen.expectSuccess()
            #expect(seen["value", "size"] == 50_000_000, "\(seen)")
            #expect(seen["value", "followsMockPattern"] == true, "\(seen)")
            #expect(seen["file"]?.string != nil, "\(seen)")
        }
    }
}
