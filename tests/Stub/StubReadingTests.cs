using NotifyContract.Fixtures;
using NotifyContract.Fixtures.Matchers;
using static NotifyContract.Tests.Stub.StubFixture;

namespace NotifyContract.Tests.Stub;

/// <summary>The stub served with the other readings (<c>--patterns full --lengths utf16</c>).</summary>
public sealed class AwsLikeStub : StubFixture
{
    public AwsLikeStub() : base(new StubOptions { Patterns = PatternReading.Full, Lengths = LengthReading.Utf16 }) { }
}

/// <summary>
/// Under <c>--patterns full</c> a pattern is the current service model's anchored form matched against the whole
/// string (an emoji in FailureReason is refused, as an engine author should see); under <c>--lengths utf16</c> a
/// character outside the BMP counts twice. The default readings are in <see cref="StubContractTests"/>.
/// </summary>
public sealed class StubReadingTests(AwsLikeStub stub) : IClassFixture<AwsLikeStub>
{
    const string Ipe = "InvalidParametersException";
    const string Rnf = "ResourceNotFoundException";

    void AssertValid(string path, string value)
    {
        var r = stub.Send(Provision, With(path, value, recordId: path == "RecordId" ? value : UnknownRecord));
        Assert.True(r.ErrorCode == Rnf, r.ToString());
    }

    void AssertInvalid(string path, string value, string kind)
    {
        var r = stub.Send(Provision, With(path, value, recordId: path == "RecordId" ? value : UnknownRecord));
        Assert.True(r.Status == 400 && r.ErrorCode == Ipe, r.ToString());
        Assert.Contains(path, r.Message);
        Assert.Contains(kind, r.Message);
    }

    [Theory]
    [InlineData("WorkflowToken", "%A%")]
    [InlineData("WorkflowToken", "AQID\n")]             // ECMA $ is the end of input, not before a final \n
    [InlineData("IdempotencyToken", "_abc")]
    [InlineData("IdempotencyToken", "abc!")]
    [InlineData("RecordId", "rec!")]
    [InlineData("RecordId", "rec-1\n")]
    [InlineData("FailureReason", "\u0001")]
    [InlineData("FailureReason", "failed \U0001F600")] // outside the BMP: not in [\u0020-\uD7FF\uE000-\uFFFD]
    [InlineData("FailureReason", "failed \u270C\U0001F3FD")]
    [InlineData("FailureReason", "\uFFFE")]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "key\n")]
    public void Full_reading_refuses_what_search_accepts(string path, string value) =>
        AssertInvalid(path, value, "pattern");

    [Theory]
    [InlineData("WorkflowToken", "AQIDAHhB+ExampleToken=")]
    [InlineData("IdempotencyToken", "5a1d6c1e-6a0e-4f3e-9b9a-2f2b3c4d5e6f")]
    [InlineData("RecordId", "rec-nc_1")]
    [InlineData("FailureReason", "Error:\r\n\tline 2 \u00e9 \u4e2d \uFFFD")]
    [InlineData("ResourceIdentifier.UniqueTag.Key", "a b:c/d=e+f-g@h_i.j \U0001D400")]
    public void Full_reading_accepts_whole_matches(string path, string value) => AssertValid(path, value);

    // JSON text written here, escapes as sent (System.Text.Json would replace a lone surrogate).
    [Theory]
    [InlineData("FailureReason", @"a\ud800b", false)]
    [InlineData("FailureReason", @"a\udc00", false)]
    [InlineData("FailureReason", @"a\\ud800b", true)]        // a backslash, then text
    [InlineData("ResourceIdentifier.UniqueTag.Key", @"\ud835\udc00", true)] // U+1D400 as an escaped pair: a letter
    [InlineData("ResourceIdentifier.UniqueTag.Key", @"\ud835", false)]
    public void Full_reading_judges_lone_surrogate_escapes(string path, string jsonText, bool valid)
    {
        var json = With(path, "PLACEHOLDER", recordId: UnknownRecord).ToJsonString().Replace("PLACEHOLDER", jsonText);
        var r = stub.Send(json, ("X-Amz-Target", $"AWS242ServiceCatalogService.{Provision}"));
        Assert.True(r.ErrorCode == (valid ? Rnf : Ipe), r.ToString());
    }

    [Fact]
    public void Utf16_reading_counts_a_character_outside_the_BMP_twice()
    {
        const string path = "ResourceIdentifier.UniqueTag.Value", letter = "\U0001D400";
        AssertValid(path, new string('v', 254) + letter);                            // 255 code points, 256 units
        AssertInvalid(path, new string('v', 255) + letter, "at most");               // 256 code points, 257 units
        AssertInvalid(path, string.Concat(Enumerable.Repeat(letter, 129)), "at most"); // 129 code points, 258 units
    }

    [Fact]
    public void Under_the_utf16_reading_a_length_answer_names_UTF16_units()
    {
        // An engine author reading "at most 2048 (Unicode code points)" for 2,048 code points would look for a bug in
        // their own count.
        AssertInvalid("FailureReason", new string('e', 2047) + "\U0001F525", "at most 2048 (UTF-16 code units)");
    }
}
