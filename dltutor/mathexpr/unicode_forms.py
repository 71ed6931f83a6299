"""The Unicode a learner types or pastes, as the parser's ASCII forms (tables only).

Superscript runs become a parenthesised power (e⁻²ˣ is e^(-2x), never e^-2·x);
ᵀ becomes the transpose marker `_T`, a name a learner cannot type as a name
(names may not start with '_'); accented letters become the name with a
suffix (ŷ -> yhat, x̄ -> xbar), which `names.Scope` matches to a declared
y_hat, yhat or ŷ.
"""

from __future__ import annotations

GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφϕχψωΓΔΘΛΞΠΣΦΨΩµϵϑ",
        [
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "zeta",
            "eta",
            "theta",
            "iota",
            "kappa",
            "lambda",
            "mu",
            "nu",
            "xi",
            "omicron",
            "pi",
            "rho",
            "sigma",
            "sigma",
            "tau",
            "upsilon",
            "phi",
            "phi",
            "chi",
            "psi",
            "omega",
            "Gamma",
            "Delta",
            "Theta",
            "Lambda",
            "Xi",
            "Pi",
            "Sigma",
            "Phi",
            "Psi",
            "Omega",
            "mu",
            "epsilon",
            "theta",
        ],
        strict=True,
    )
)
SIMPLE = {
    "−": "-",
    "–": "-",
    "—": "-",
    "‐": "-",
    "·": "*",
    "⋅": "*",
    "×": "*",
    "∙": "*",
    "•": "*",
    "∗": "*",
    "÷": "/",
    "∕": "/",
    "^": "**",
    "ℯ": "e",
    "π": "pi",
    "（": "(",
    "）": ")",
    "{": "(",
    "}": ")",
    "⁄": "/",
}
SUPERSCRIPT = {
    **dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()")),
    **dict(zip("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz")),  # no q in Unicode
    **dict(zip("ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ", "ABDEGHIJKLMNOPRUVW")),
    "ᵅ": "alpha",
    "ᵝ": "beta",
    "ᵞ": "gamma",
    "ᵟ": "delta",
    "ᵋ": "epsilon",
    "ᶿ": "theta",
    "ᵠ": "phi",
    "ᵡ": "chi",
    "ᐟ": "/",
    "ᐧ": "*",
}
TRANSPOSE = "ᵀ"
SUBSCRIPT = {**dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789")), **dict(zip("ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "aeoxhklmnpstij"))}
VULGAR = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅕": "1/5",
    "⅖": "2/5",
    "⅗": "3/5",
    "⅘": "4/5",
    "⅙": "1/6",
    "⅚": "5/6",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
    "⅐": "1/7",
    "⅑": "1/9",
    "⅒": "1/10",
}
# combining marks (after the letter, as NFD writes ŷ and x̄) -> suffix of the name
ACCENTS = {
    "\u0302": "hat",
    "\u0304": "bar",
    "\u0305": "bar",
    "\u0303": "tilde",
    "\u0307": "dot",
    "\u20d7": "vec",
    "\u0301": "",
    "\u0300": "",
}
ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-*/().,_[];")
PRIME = "primes and quotes are not allowed: write the expression itself, e.g. σ(x)(1 − σ(x))"
REFUSED = {
    "!": "factorials are not supported",
    "'": PRIME,
    "′": PRIME,
    "″": PRIME,
    '"': "quotes are not allowed",
    "=": "'=' is not allowed in an answer",
    "∞": "infinity is not a value you can use here",
    "∂": "'∂' can only be used in lesson formulas",
}
NOT_A_MATRIX = "';' separates the rows of a matrix, and this answer is not a matrix"
