namespace Hub.Simulators.Catalogue;

// How the balances of one item were shaped; lets end-to-end tests pick items whose outcome is known.
public enum StockScenario
{
    Normal,
    FullyCoverable,
    PartlyCoverable,
    Uncoverable,
    NegativeBalance,
    DonorSurplusOnly,
}
