import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IdeogramClient
import Testing

extension IntegrationSlowTests {
    /// Every one of the 23 operations, over real HTTP with `URLSessionTransport`,
    /// accepted by a server that validates each request against the spec (ours,
    /// and the published one when it is present).
    @Suite
    struct AllOperationsTests {
        static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 64))
        static let image = MultipartFile(data: png, filename: "photo.png", contentType: "image/png")
        static let mask = MultipartFile(data: png, filename: "mask.png", contentType: "image/png")
        static let palette = ColorPaletteWithPresetNameOrMembers.members(.init(members: [
            .init(colorHex: "#112233", colorWeight: 0.6), .init(colorHex: "#AABBCC", colorWeight: 0.4),
        ]))

        func client() async throws -> Ideogram {
            let server = try await ValidatingServer.shared.value
            return Ideogram(configuration: .init(baseURL: server.baseURL, apiKey: "integration-test-key", timeout: .seconds(30)))
        }

        @Test func generateV3() async throws {
            let result = try await client().generateImageV3(.init(
                prompt: "A red fox in the snow", seed: 7, aspectRatio: ._3x2, renderingSpeed: .turbo, magicPrompt: .on,
                negativePrompt: "blur", numImages: 2, colorPalette: Self.palette, styleType: .realistic,
                styleReferenceImages: [Self.image, Self.mask]))
            #expect(!result.data.isEmpty)
        }

        @Test func generateV3WithStyleCodesAndPreset() async throws {
            _ = try await client().generateImageV3(.init(prompt: "poster", colorPalette: .presetName(.init(name: .pastel)),
                                                         styleCodes: ["AAAAAAAA", "0F0F0F0F"], stylePreset: ._80sIllustration,
                                                         characterReferenceImages: [Self.image], characterReferenceImagesMask: [Self.mask]))
        }

        @Test func generateTransparentV3() async throws {
            _ = try await client().generateImageV3Transparent(.init(prompt: "logo", upscaleFactor: .x2, aspectRatio: ._1x1,
                                                                    renderingSpeed: .default))
        }

        @Test func inpaintV3() async throws {
            _ = try await client().inpaintImageV3(.init(image: Self.image, mask: Self.mask, prompt: "a hat", magicPrompt: .auto,
                                                        numImages: 1, seed: 3, renderingSpeed: .quality, colorPalette: Self.palette,
                                                        styleCodes: ["ABCDEF01"]))
        }

        @Test func editV3() async throws {
            _ = try await client().editImageV3(.init(image: Self.image, mask: Self.mask, prompt: "sunglasses", styleType: .design))
        }

        @Test func remixV3() async throws {
            _ = try await client().remixImageV3(.init(image: Self.image, prompt: "watercolor", imageWeight: 60,
                                                      resolution: ._1024x1024, styleReferenceImages: [Self.image]))
        }

        @Test func reframeV3() async throws {
            _ = try await client().reframeImageV3(.init(image: Self.image, resolution: ._1152x896, numImages: 1))
        }

        @Test func replaceBackgroundV3() async throws {
            _ = try await client().replaceBackgroundV3(.init(image: Self.image, prompt: "a beach at dusk", stylePreset: .goldenHour))
        }

        @Test func removeBackground() async throws {
            _ = try await client().removeBackground(.init(image: Self.image))
        }

        @Test func layerizeTextV3() async throws {
            _ = try await client().layerizeTextV3(.init(image: Self.image, prompt: "poster with a title", seed: 1))
        }

        @Test func v1Edit() async throws {
            _ = try await client().editImageV1(.init(prompt: "make it night", images: [Self.image],
                                                     imageURLs: ["https://example.com/a.png"], numImages: 1))
        }

        @Test func upscaleWithTheLegacyImageRequest() async throws {
            _ = try await client().upscaleImage(.init(
                imageRequest: .init(prompt: "sharper", resemblance: 55, detail: 40, magicPromptOption: .off, numImages: 1, seed: 2),
                imageFile: Self.image))
        }

        @Test func describe() async throws {
            _ = try await client().describe(.init(imageFile: Self.image, describeModelVersion: .v3))
        }

        @Test func legacyGenerate() async throws {
            _ = try await client().generateImage(.init(imageRequest: .init(
                prompt: "a castle", aspectRatio: ._16x9, model: .v2, magicPromptOption: .auto, seed: 5, styleType: .anime,
                negativePrompt: "fog", numImages: 1, colorPalette: .presetName(.init(name: .jungle)))))
        }

        @Test func legacyEdit() async throws {
            _ = try await client().editImage(.init(imageFile: Self.image, mask: Self.mask, prompt: "a cat", model: .v2Turbo,
                                                   magicPromptOption: .on))
        }

        @Test func legacyRemix() async throws {
            _ = try await client().remixImage(.init(
                imageRequest: .init(prompt: "oil painting", aspectRatio: ._1x1, model: .v2, imageWeight: 40),
                imageFile: Self.image))
        }

        @Test func legacyReframe() async throws {
            _ = try await client().reframeImage(.init(imageFile: Self.image, resolution: ._1024x640, model: .v2))
        }

        @Test func listDatasets() async throws {
            _ = try await client().listDatasets()
        }

        @Test func createDataset() async throws {
            _ = try await client().createDataset(.init(name: "cats"))
        }

        @Test func getDataset() async throws {
            _ = try await client().getDataset(datasetID: "dataset-1")
        }

        @Test func uploadDatasetAssets() async throws {
            let caption = MultipartFile(data: Data("a cat".utf8), filename: "photo.txt", contentType: "text/plain")
            _ = try await client().uploadDatasetAssets(datasetID: "dataset-1", request: .init(files: [Self.image, caption]))
        }

        @Test func trainModelV3() async throws {
            _ = try await client().trainModelV3(.init(datasetID: "dataset-1", modelName: "my-cats"))
        }

        @Test func listCustomModels() async throws {
            _ = try await client().listCustomModels(scope: .owned, status: [.training, .completed])
        }

        @Test func getCustomModel() async throws {
            _ = try await client().getCustomModel(modelID: "model-1")
        }
    }
}
