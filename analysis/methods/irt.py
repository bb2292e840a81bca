"""A one-dimensional ordered-logit item-response model, fitted to convergence by Newton steps.

The model behind :func:`analysis.methods.ideal_points.ideal_points`. Country ``i`` has position ``x_i``; roll
call ``j`` has a discrimination ``b_j`` and two cut points ``c1_j < c2_j``:

    P(vote >= abstain) = logistic(b_j * x_i - c1_j)
    P(vote = yes)      = logistic(b_j * x_i - c2_j),      c2_j = c1_j + exp(d_j)

Priors: ``x_i ~ N(prior_mean_i, 1 / prior_prec_i)``, ``b_j ~ N(0, 4)``, ``c1_j, c2_j ~ N(0, 25)``,
``d_j ~ N(0, 4)``. :func:`fit_ordered_logit` returns the posterior mode (MAP).

Why Newton and not L-BFGS: a year has a few hundred parameters, and a first-order method stops far
from the optimum, where the result depends on the summation order of the CPU's BLAS kernels
(issue 10). The Hessian has a structure that makes exact Newton steps cheap: the country block is
diagonal and each roll call's (b, c1, d) block is 3 x 3, so the step is solved through the Schur
complement on the country block (an n x n Cholesky) instead of the full (n + 3m)-square system.
Levenberg-Marquardt damping keeps steps safe where the posterior is not yet convex. Iteration
stops on the gradient (``max |grad| <= gtol``), never on a cap alone; a fit that reaches the cap
is reported as not converged. ``benchmarks/bench_agreement.py`` compares this with scipy's
``trust-exact`` and ``trust-krylov`` on the same objective.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import LinAlgError, cho_factor, cho_solve
from scipy.special import log_expit

#: Prior variances of the roll-call parameters: discrimination, cut points, log gap.
PRIOR_VAR_B, PRIOR_VAR_C, PRIOR_VAR_D = 4.0, 25.0, 4.0
#: Default convergence tolerance on the largest gradient component of the log posterior.
GTOL = 1e-9


@dataclass(frozen=True)
class OrderedLogitFit:
    """The posterior mode and how it was reached.

    ``params``: x (n), b (m), c1 (m), d (m) concatenated. ``iterations``: Newton steps tried.
    ``converged``: the largest gradient component fell to ``gtol``. ``max_gradient``: that
    component at the returned point. ``log_posterior``: its value there (up to a constant).
    """

    params: np.ndarray
    iterations: int
    converged: bool
    max_gradient: float
    log_posterior: float

    def split(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(x, b, c1, d) for a fit with ``n`` countries."""
        m = (len(self.params) - n) // 3
        p = self.params
        return p[:n], p[n:n + m], p[n + m:n + 2 * m], p[n + 2 * m:]


class _Posterior:
    """Negative log posterior of the model, its gradient and the Hessian blocks, at one point.

    X: n x m with -1 (no), 0 (abstain), 1 (yes) and NaN (missing: no contribution).
    """

    def __init__(self, X: np.ndarray, prior_mean: np.ndarray, prior_prec: np.ndarray):
        self.n, self.m = X.shape
        self.no = (X == -1).astype(float)
        self.yes = (X == 1).astype(float)
        flat = X.ravel()
        self.abstain = np.flatnonzero(flat == 0)          # flat indices of abstentions
        self.abstain_col = self.abstain % self.m
        self.prior_mean, self.prior_prec = prior_mean, prior_prec

    def evaluate(self, p: np.ndarray, hessian: bool = True):
        """(F, gradient) of F = -log posterior; with ``hessian`` also the blocks (A, B, C).

        A: (n,) diagonal country block. B: (3, n, m) cross blocks for b, c1, d. C: (6, m) the
        entries bb, bc, bd, cc, cd, dd of each roll call's symmetric 3 x 3 block.
        """
        n, m = self.n, self.m
        x, b, c1, d = p[:n], p[n:n + m], p[n + m:n + 2 * m], p[n + 2 * m:]
        gap = np.exp(d)
        c2 = c1 + gap
        u1 = np.multiply.outer(x, b)
        u1 -= c1
        u2 = u1 - gap
        ls1, ls2 = log_expit(u1), log_expit(u2)       # log s1, log s2
        lns1, lns2 = ls1 - u1, ls2 - u2               # log(1 - s1), log(1 - s2)
        log_q = np.log(-np.expm1(-gap))               # log(1 - exp(-gap)) per roll call
        no, yes, ab, ab_col = self.no, self.yes, self.abstain, self.abstain_col
        # log P: no = log(1 - s1); yes = log s2; abstain = log(s1 - s2) = log s1 + log(1 - s2) + log q
        a1, an2 = ls1.ravel()[ab], lns2.ravel()[ab]
        loglik = (no * lns1).sum() + (yes * ls2).sum() + (a1 + an2 + log_q[ab_col]).sum()
        s1, s2 = np.exp(ls1), np.exp(ls2)
        # s1(1-s1)/P and s2(1-s2)/P for the abstentions, in a form that cannot overflow
        r1 = np.zeros(n * m)
        r2 = np.zeros(n * m)
        r1[ab] = np.exp(lns1.ravel()[ab] - an2 - log_q[ab_col])
        r2[ab] = np.exp(ls2.ravel()[ab] - a1 - log_q[ab_col])
        r1, r2 = r1.reshape(n, m), r2.reshape(n, m)
        g1 = r1 - no * s1                             # d loglik / d u1
        g2 = yes * (1 - s2) - r2                      # d loglik / d u2
        pm, pp = self.prior_mean, self.prior_prec
        log_post = (loglik - 0.5 * (pp * (x - pm) ** 2).sum() - 0.5 * (b * b).sum() / PRIOR_VAR_B
                    - 0.5 * ((c1 * c1).sum() + (c2 * c2).sum()) / PRIOR_VAR_C - 0.5 * (d * d).sum() / PRIOR_VAR_D)
        G = g1 + g2                                   # d loglik / d eta
        g2_sum = g2.sum(0)
        gc2 = -g2_sum - c2 / PRIOR_VAR_C
        grad = np.concatenate([G @ b - pp * (x - pm), x @ G - b / PRIOR_VAR_B,
                               -g1.sum(0) - c1 / PRIOR_VAR_C + gc2, gc2 * gap - d / PRIOR_VAR_D])
        if not hessian:
            return -log_post, -grad
        # second derivatives: h11 = d2/du1^2, h22 = d2/du2^2, h12 = d2/du1du2
        h11 = r1 * (1 - 2 * s1) - r1 * r1 - no * (s1 - s1 * s1)
        h22 = -r2 * (1 - 2 * s2) - r2 * r2 - yes * (s2 - s2 * s2)
        h12 = r1 * r2
        H2 = h12 + h22                                # d2 loglik / d eta d u2
        Hs = h11 + h12 + H2                           # d2 loglik / d eta2
        Hs_b = Hs * b
        # Hessian of F (= minus that of the log posterior), by block
        A = pp - Hs_b @ b
        B = np.stack([-(Hs_b * x[:, None] + G), Hs_b, H2 * (b * gap)])
        x_Hs, x_H2 = x @ Hs, x @ H2
        C = np.stack([
            1 / PRIOR_VAR_B - (x * x) @ Hs,                                      # bb
            x_Hs,                                                                # bc
            gap * x_H2,                                                          # bd
            2 / PRIOR_VAR_C - Hs.sum(0),                                         # cc
            gap * (1 / PRIOR_VAR_C - H2.sum(0)),                                 # cd
            1 / PRIOR_VAR_D - gap * gap * (h22.sum(0) - 1 / PRIOR_VAR_C) - gap * gc2,  # dd
        ])
        return -log_post, -grad, (A, B, C)


def _inverse_3x3(C: np.ndarray) -> np.ndarray | None:
    """Inverses of m symmetric 3 x 3 blocks given as (6, m) entries; None unless all are positive definite."""
    a, b, c, d, e, f = C
    A11, A12, A13 = d * f - e * e, c * e - b * f, b * e - c * d
    A22, A23, A33 = a * f - c * c, b * c - a * e, a * d - b * b
    det = a * A11 + b * A12 + c * A13
    if not ((a > 0).all() and (A33 > 0).all() and (det > 0).all()):   # Sylvester's criterion
        return None
    inv = np.array([[A11, A12, A13], [A12, A22, A23], [A13, A23, A33]]) / det
    return inv                                                            # (3, 3, m)


def _damped_step(A, B, C, grad, lam: float, n: int, m: int) -> np.ndarray | None:
    """Solve (H + lam I) s = -grad through the Schur complement; None if that matrix is not positive definite."""
    Cl = C.copy()
    Cl[[0, 3, 5]] += lam
    Cinv = _inverse_3x3(Cl)
    if Cinv is None:
        return None
    g_x = grad[:n]
    g_r = grad[n:].reshape(3, m)
    W = np.einsum("knm,klm->lnm", B, Cinv)           # B C^-1, (3, n, m)
    S = np.diag(A + lam) - W.transpose(1, 0, 2).reshape(n, 3 * m) @ B.transpose(1, 0, 2).reshape(n, 3 * m).T
    try:
        s_x = cho_solve(cho_factor(S), -g_x + np.einsum("lnm,lm->n", W, g_r))
    except LinAlgError:
        return None
    t = g_r + np.einsum("knm,n->km", B, s_x)
    s_r = -np.einsum("klm,lm->km", Cinv, t)
    return np.concatenate([s_x, s_r.ravel()])


def fit_ordered_logit(X: np.ndarray, prior_mean: np.ndarray, prior_prec: np.ndarray, start: np.ndarray,
                      gtol: float = GTOL, max_steps: int = 500, damping: float = 10.0) -> OrderedLogitFit:
    """MAP estimate of the model from ``start`` (x, b, c1, d concatenated), by damped Newton steps.

    Stops when the largest gradient component of the log posterior is at most ``gtol``. A step
    is accepted when it lowers F by a fair share of the quadratic model's prediction (or, at the
    end, where F no longer changes in floating point, when it lowers the gradient). ``max_steps``
    is a guard against a fit that cannot converge, which is then returned with ``converged``
    False (as is a fit where no step lowers F or the gradient any more). ``damping``: the initial Levenberg-Marquardt damping (large from a rough start, small
    from a warm one); it adapts after every step. Deterministic: the same inputs give the same bits on the same machine.
    """
    post = _Posterior(X, prior_mean, prior_prec)
    n, m = post.n, post.m
    p = np.asarray(start, dtype=float).copy()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        f, g, blocks = post.evaluate(p)
        lam, nu = damping, 2.0
        steps = 0
        while np.abs(g).max() > gtol and steps < max_steps and lam < 1e16:   # lam that large: no step helps
            steps += 1
            s = _damped_step(*blocks, g, lam, n, m)
            if s is None:                              # not positive definite: damp more
                lam, nu = max(lam * nu, 1e-6), nu * 2
                continue
            predicted = 0.5 * (lam * (s @ s) - g @ s)  # reduction predicted by the quadratic model
            f_new, g_new, blocks_new = post.evaluate(p + s)
            ratio = (f - f_new) / predicted if predicted > 0 else -1.0
            flat = f_new <= f + 1e-13 * abs(f) and np.abs(g_new).max() < np.abs(g).max()
            if np.isfinite(f_new) and np.isfinite(g_new).all() and (ratio > 1e-4 or flat):
                p, f, g, blocks = p + s, f_new, g_new, blocks_new
                lam, nu = lam * max(1 / 3, 1 - (2 * min(ratio, 1.0) - 1) ** 3), 2.0
            else:
                lam, nu = lam * nu, nu * 2
    max_grad = float(np.abs(g).max())
    return OrderedLogitFit(p, steps, max_grad <= gtol, max_grad, float(-f))


def gradient(X: np.ndarray, prior_mean: np.ndarray, prior_prec: np.ndarray, params: np.ndarray) -> np.ndarray:
    """Gradient of the log posterior at ``params`` (for checks)."""
    return -_Posterior(X, prior_mean, prior_prec).evaluate(np.asarray(params, float), hessian=False)[1]


def objective(X: np.ndarray, prior_mean: np.ndarray, prior_prec: np.ndarray):
    """(fun, hess, hessp) of F = -log posterior for scipy's optimisers (benchmarks, tests).

    ``fun(p)`` -> (F, gradient); ``hess(p)`` -> the dense Hessian; ``hessp(p, v)`` -> Hessian @ v.
    """
    post = _Posterior(X, prior_mean, prior_prec)
    n, m = post.n, post.m

    cache: dict = {}

    def blocks(p):                      # one-entry cache: scipy asks for many products at one point
        p = np.asarray(p, float)
        if "p" not in cache or not np.array_equal(cache["p"], p):
            A, B, C = post.evaluate(p)[2]
            full = np.array([[C[0], C[1], C[2]], [C[1], C[3], C[4]], [C[2], C[4], C[5]]])   # (3, 3, m)
            cache.update(p=p.copy(), blocks=(A, B, full))
        return cache["blocks"]

    def fun(p):
        return post.evaluate(np.asarray(p, float), hessian=False)

    def hess(p):
        A, B, full = blocks(p)
        H = np.zeros((n + 3 * m, n + 3 * m))
        H[np.arange(n), np.arange(n)] = A
        cross = B.transpose(1, 0, 2).reshape(n, 3 * m)
        H[:n, n:], H[n:, :n] = cross, cross.T
        j = np.arange(m)
        for k in range(3):
            for l in range(3):
                H[n + k * m + j, n + l * m + j] = full[k, l]
        return H

    def hessp(p, v):
        A, B, full = blocks(p)
        vx, vr = v[:n], v[n:].reshape(3, m)
        hx = A * vx + np.einsum("knm,km->n", B, vr)
        hr = np.einsum("knm,n->km", B, vx) + np.einsum("klm,lm->km", full, vr)
        return np.concatenate([hx, hr.ravel()])

    return fun, hess, hessp


def _first_component(X: np.ndarray, obs: np.ndarray, iterations: int = 100) -> np.ndarray:
    """First principal component of the row-mean-imputed, column-centred matrix (standardised).

    Only a starting point for :func:`fit_ordered_logit`: it picks the basin, the Newton steps
    then converge, so its own precision does not matter.
    """
    rowmean = np.where(obs, X, 0).sum(1, keepdims=True) / np.maximum(obs.sum(1, keepdims=True), 1)
    Z = np.where(obs, X, rowmean)
    Z = Z - Z.mean(0)
    u = Z[:, np.argmax((Z * Z).sum(0))].copy()
    for _ in range(iterations):
        u = Z @ (u @ Z)
        norm = np.sqrt((u * u).sum())
        if norm == 0:
            break
        u /= norm
    sd = u.std()
    return (u - u.mean()) / (sd if sd > 0 else 1.0)


def default_start(X: np.ndarray) -> np.ndarray:
    """Starting parameters (x, b, c1, d): x from the first principal component, cut points from
    each roll call's shares of no and yes votes, discriminations from the covariance with x."""
    obs = ~np.isnan(X)
    x0 = _first_component(X, obs)
    k = np.maximum(obs.sum(0), 1)
    p_no = ((X == -1).sum(0) + 0.5) / (k + 1.5)
    p_yes = ((X == 1).sum(0) + 0.5) / (k + 1.5)
    c1 = np.log(p_no / (1 - p_no))
    c2 = np.maximum(-np.log(p_yes / (1 - p_yes)), c1 + 0.1)
    b = 2.0 * (np.where(obs, X, 0) * x0[:, None]).sum(0) / k
    return np.concatenate([x0, b, c1, np.log(c2 - c1)])


def rescaled_start(params: np.ndarray, n: int, x: np.ndarray) -> np.ndarray:
    """The fit ``params`` re-expressed with country positions ``x`` (a linear transform of its own,
    e.g. standardised and signed): the same predictions, so a warm start for a refit."""
    m = (len(params) - n) // 3
    own = params[:n]
    xc = x - x.mean()
    slope = (xc * (own - own.mean())).sum() / (xc * xc).sum()
    shift = own.mean() - slope * x.mean()              # own = slope * x + shift
    start = params.copy()
    start[:n] = x
    start[n:n + m] = params[n:n + m] * slope
    start[n + m:n + 2 * m] = params[n + m:n + 2 * m] - params[n:n + m] * shift
    return start
