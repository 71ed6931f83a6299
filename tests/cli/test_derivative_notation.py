"""Derivatives read as a deep-learning text writes them: the step function by name,
∂ for a function of several variables."""

from __future__ import annotations


def test_relu_s_derivative_is_the_heaviside_step_not_theta(cli):
    out = cli("check-gradient", "relu(x)").stdout
    assert "d/dx = Heaviside(x)" in out and "θ" not in out
    assert cli("check-gradient", "relu(x)", "Heaviside(x)").exit_code == 0  # typed as shown


def test_one_partial_of_a_function_of_several_variables_is_drawn_with_curly_d(cli):
    shown = cli("check-gradient", "x*y**2", "--wrt", "y").stdout
    assert "∂f/∂y = 2⋅x⋅y" in shown and "d/dy" not in shown
    wrong = cli("check-gradient", "x*y**2", "x*y", "--wrt", "y")
    assert wrong.exit_code == 1 and "∂f/∂y is not right" in wrong.stdout
    assert "d/dx = 2⋅x" in cli("check-gradient", "x**2").stdout  # one variable: a plain d


def test_a_lesson_s_derivative_of_the_loss_is_partial(cli, columns):
    columns(80)
    out = cli("learn", "calculus-backprop").stdout
    assert "∂W_jk" in out and "dW_jk" not in out  # ∂L/∂W_jk: L depends on every weight
