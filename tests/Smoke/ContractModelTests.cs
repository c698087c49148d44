using NotifyContract.Generators.Contract;

using NotifyContract.Tests.Support;

namespace NotifyContract.Tests.Smoke;

public class ContractModelTests
{
    [Fact]
    public void Three_operations_with_the_published_required_members()
    {
        Assert.Equal(3, Notify.Operations.Count);
        foreach (var op in Notify.Operations)
            Assert.Equal(["WorkflowToken", "RecordId", "Status", "IdempotencyToken"],
                op.Members.Where(m => m.Required).Select(m => m.Name));
        Assert.Contains(Notify.Get(ServiceCatalog.NotifyProvision).AllMembers(),
            m => m.Path == "ResourceIdentifier.UniqueTag.Key" && m.MaxLength == 128);
        Assert.DoesNotContain(Notify.Get(ServiceCatalog.NotifyTerminate).Members, m => m.Name == "Outputs");
    }

    [Fact]
    public void Each_pattern_has_both_sources_read_into_classes()
    {
        var members = Notify.Get(ServiceCatalog.NotifyProvision).AllMembers()
            .Where(m => m.Pattern is not null).ToList();
        Assert.Equal(6, members.Count);
        Assert.All(members, m => Assert.Equal(Anchoring.Both, m.Pattern!.Model.Anchoring));
        Assert.Equal(["FailureReason", "IdempotencyToken", "RecordId", "WorkflowToken"],
            members.Where(m => m.Pattern!.Page.Regex != m.Pattern.Model.Regex).Select(m => m.Path).Order());
        var reason = members.Single(m => m.Path == "FailureReason").Pattern!;
        Assert.True(reason.Search("ok \U0001F600") && !reason.Full("ok \U0001F600")); // emoji: the page searches, the model refuses
        Assert.True(reason.Full("tab\t, CR LF\r\n, U+FFFD \uFFFD") && !reason.Full("\uFFFE"));
        var token = members.Single(m => m.Path == "IdempotencyToken").Pattern!;
        Assert.True(token.Search("_abc") && !token.Full("_abc") && !token.Full("abc\n"));
    }

    [Theory]
    [InlineData(@"(?=a)b")]
    [InlineData(@"(a)\1")]
    [InlineData("[a-z")]
    [InlineData("a{3,2}")]
    [InlineData(@"\p{Greek}")]
    [InlineData("*a")]
    public void A_pattern_outside_the_syntax_is_refused(string regex) =>
        Assert.Throws<NotSupportedException>(() => new ContractPattern(regex));
}
