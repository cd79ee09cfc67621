# Modular addition (examples/modular_addition.dyn): how long must the first plateau at
# l0 = (|t1|^2 + |t3|^2)/p = 6.25 last? Neuron i = (U[i,:], W[:,i]) of stdlib quadratic(d = 40,
# width = 18, out = 20): U ~ a N(0, 1/40) (40 entries), W ~ a N(0, 1/18) (20 entries), a = 1e-2.
# kappa = 3 and U(th_bar) <= U*_1 = sqrt(2p/27)|t1|^3/p^2 (reference M1), so
# 1/||th(t)|| >= 1/||th(0)|| - 3 U*_1 t and, to first order, L(t) >= l0 - sum_i U*_1 ||th_i(t)||^3.
import numpy as np
p=20; U1=np.sqrt(2*p/27)*10**3/p**2; l0=(100+25)/p
print("U*_1 = %.6f, l0 = %g"%(U1,l0))
rng=np.random.default_rng(0)
for a in [1e-2,1e-1]:
    m=a*np.sqrt(rng.chisquare(40,size=(100000,18))/40+rng.chisquare(20,size=(100000,18))/18).max(1)
    q=np.quantile(m,0.999)
    for t in [1,2,3,4]:
        inv=1/q-3*U1*t; r=1/inv if inv>0 else np.inf
        print("alpha %g: 99.9%% quantile of max neuron norm %.4g; t=%g: every neuron <= %.4g, L >= %.4f"
              %(a,q,t,r,l0-18*U1*r**3))
