namespace RcuCollections.Tests;

public class SmokeTests
{
    [Fact]
    public void Solution_Builds() => Assert.Equal(4, 2 + 2);
}
