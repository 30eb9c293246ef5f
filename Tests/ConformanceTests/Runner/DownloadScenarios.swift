import BoxClient
import Foundation

/// Binary downloads: Box's file content. `DownloadTests` reads them.
let downloadScenarios: [Scenario] = [
    // Today the content arrives as one `Data` (the `.ok` outcome): 3 MB here.
    Scenario("downloads.boxContentAsData", needsMock: true) { server in
        await attempt {
            try await server.box(headers: ["X-Mock-Body-Size": "3000000"]).getFilesIDContent(fileID: "12345")
        }
    },

    // Pending: downloads to a file. Download 50 MB into a file the scenario chooses (in a temporary folder),
    // report `value` as `Report.binary` of the file's bytes (read back) and `file` as its path, then delete it.
    Scenario("downloads.boxContentToFilePending", needsMock: true) { server in
        ["outcome": "error", "error": ["kind": "pending", "reason": "no download to a file yet"]]
    },
]
