import BoxClient
import Foundation

/// Binary downloads: Box's file content. `DownloadTests` reads them.
let downloadScenarios: [Scenario] = [
    // The content as one `Data` (the `.ok` outcome): 3 MB here.
    Scenario("downloads.boxContentAsData", needsMock: true) { server in
        await attempt {
            try await server.box(headers: ["X-Mock-Body-Size": "3000000"]).getFilesIDContent(fileID: "12345")
        }
    },

    // Downloads to a file: 50 MB written to a file as they arrive, then read back to check them.
    Scenario("downloads.boxContentToFile", needsMock: true) { server in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("content.bin")
        var fields = await attempt {
            try await server.box(headers: ["X-Mock-Body-Size": "50000000"]).getFilesIDContent(
                fileID: "12345", to: file)
        } inspect: { response in
            ["status": Report(response.statusCode)]
        }
        if case .string("ok")? = fields["outcome"] {
            fields["value"] = (try? Data(contentsOf: file)).map { Report.binary($0) } ?? .null
            fields["file"] = .string(file.path)
        }
        return fields
    },
]
