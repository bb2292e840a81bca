"""The ordered-logit model of analysis.methods.irt: derivatives, convergence, and the optimum itself."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from analysis.methods import irt


def _problem(seed=0, n=9, m=7):
    rng = np.random.default_rng(seed)
    X = rng.choice([-1.0, 0.0, 1.0, np.nan], size=(n, m), p=[0.35, 0.2, 0.35, 0.1])
    return X, rng.normal(size=n) * 0.3, np.full(n, 1.5), rng


def test_gradient_and_hessian_match_finite_differences():
    X, mean, prec, rng = _problem()
    fun, hess, hessp = irt.objective(X, mean, prec)
    p = rng.normal(size=X.shape[0] + 3 * X.shape[1]) * 0.5
    eps = 1e-6
    eye = np.eye(len(p))
    num_grad = np.array([(fun(p + eps * e)[0] - fun(p - eps * e)[0]) / (2 * eps) for e in eye])
    num_hess = np.array([(fun(p + eps * e)[1] - fun(p - eps * e)[1]) / (2 * eps) for e in eye])
    np.testing.assert_allclose(fun(p)[1], num_grad, atol=1e-6)
    np.testing.assert_allclose(hess(p), num_hess, atol=1e-5)
    np.testing.assert_allclose(hess(p), hess(p).T, atol=0)
    v = rng.normal(size=len(p))
    np.testing.assert_allclose(hessp(p, v), hess(p) @ v, atol=1e-12)
    np.testing.assert_allclose(irt.gradient(X, mean, prec, p), -fun(p)[1], atol=0)


def test_fit_reaches_the_tolerance_and_the_optimum_scipy_finds():
    X, mean, prec, _ = _problem(seed=1)
    fit = irt.fit_ordered_logit(X, mean, prec, irt.default_start(X))
    assert fit.converged and fit.max_gradient <= irt.GTOL
    assert np.abs(irt.gradient(X, mean, prec, fit.params)).max() <= irt.GTOL
    fun, hess, _ = irt.objective(X, mean, prec)
    ref = minimize(fun, irt.default_start(X), jac=True, hess=hess, method="trust-exact", options={"gtol": 1e-10})
    np.testing.assert_allclose(fit.params, ref.x, atol=1e-7)
    assert fit.log_posterior == pytest.approx(-ref.fun, abs=1e-9)


def test_fit_does_not_depend_on_the_start():
    """Converged, not stopped early: a perturbed start lands on the same mode to 1e-6."""
    X, mean, prec, rng = _problem(seed=2, n=12, m=10)
    start = irt.default_start(X)
    a = irt.fit_ordered_logit(X, mean, prec, start)
    b = irt.fit_ordered_logit(X, mean, prec, start + rng.normal(size=len(start)) * 0.05)
    assert a.converged and b.converged
    np.testing.assert_allclose(a.params, b.params, atol=1e-6)


def test_a_fit_cut_short_says_so():
    X, mean, prec, _ = _problem(seed=3)
    fit = irt.fit_ordered_logit(X, mean, prec, irt.default_start(X), max_steps=2)
    assert fit.iterations == 2 and not fit.converged and fit.max_gradient > irt.GTOL


def test_rescaled_start_predicts_the_same_votes():
    X, mean, prec, rng = _problem(seed=4)
    fit = irt.fit_ordered_logit(X, mean, prec, irt.default_start(X))
    n = X.shape[0]
    x, b, c1, d = fit.split(n)
    new_x = -2.0 * x + 0.7                      # any linear transform of the positions
    y, b2, c12, d2 = np.split(irt.rescaled_start(fit.params, n, new_x), [n, n + X.shape[1], n + 2 * X.shape[1]])
    np.testing.assert_allclose(y, new_x)
    np.testing.assert_allclose(np.multiply.outer(y, b2) - c12, np.multiply.outer(x, b) - c1, atol=1e-12)
    np.testing.assert_allclose(d2, d)
