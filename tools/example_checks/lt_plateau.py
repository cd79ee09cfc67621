# Linear transformer (examples/linear_transformer.dyn): how long must the first plateau last?
# Heads h = (v, k, q), v ~ a N(0,1), k, q ~ a N(0, I_4) (stdlib linear_attention, d = 8), a = 1e-3,
# so ||theta_h(0)||^2 = a^2 chi2_9. kappa = 3: d||th||/dt = 3 ||th||^2 U(th_bar) <= 3 U* ||th||^2 with
# U* = N lam1^2 / sqrt(27) (reference T1), so 1/||th(t)|| >= 1/||th(0)|| - 3 U* t, and to first order
# the loss can fall by at most sum_h U* ||th_h(t)||^3 below l0 = tr(Lambda)/2 = 1.
import numpy as np
N=32; lam=np.array([0.96,0.48,0.32,0.24]); Us=N*lam[0]**2/np.sqrt(27)
print("U* =",Us, " l0 =", lam.sum()/2)
rng=np.random.default_rng(0)
for a in [1e-3,1e-2]:
    m=a*np.sqrt(rng.chisquare(9,size=(200000,5))).max(1)
    q=np.quantile(m,0.999)
    for t in [5,10,12]:
        inv=1/q-3*Us*t
        r=1/inv if inv>0 else np.inf
        print("alpha %g: 99.9%% quantile of max head norm %.4g; at t=%g every head <= %.4g, loss >= %.5f"
              %(a,q,t,r,1-5*Us*r**3))
