# Saddle-to-saddle plateaus of examples/saddle_linear.dyn, replicated in numpy over 20 other draws.
# Whitened inputs make the loss exactly L = 1/2 ||T - W2 W1||_F^2, T = U diag(5,3,2,1,0,0) V^T
# (U, V random orthogonal); W1 ~ a N(0, 1/6) (8x6), W2 ~ a N(0, 1/8) (6x8). Gradient flow by
# Euler steps of 2e-3. Saxe's half-times ln(s/u0 - 1)/(2s) with u0 = a^2 are 2.0, 3.3, 4.8, 9.2 at
# a = 1e-4; the loss is read at the geometric middles of consecutive ones, where the plateaus
# 7, 2.5, 0.5 should hold, and for a = 1e-3 (every time ~ln 10 shorter in units of ln(1/a)).
import numpy as np
s=np.array([5,3,2,1,0,0.]); ts=[np.sqrt(2.0*3.3),np.sqrt(3.3*4.8),np.sqrt(4.8*9.2)]; lv=[7,2.5,0.5]
def run(seed,a,dt=2e-3):
    r=np.random.default_rng(seed)
    U,_=np.linalg.qr(r.normal(size=(6,6))); V,_=np.linalg.qr(r.normal(size=(6,6))); T=U@np.diag(s)@V.T
    W1=a*r.normal(size=(8,6))/np.sqrt(6); W2=a*r.normal(size=(6,8))/np.sqrt(8)
    out=[]; k=0
    for i,t in enumerate(ts):
        while k*dt<t-1e-12:
            E=T-W2@W1; W1,W2=W1+dt*W2.T@E, W2+dt*E@W1.T; k+=1
        out.append(0.5*np.sum((T-W2@W1)**2)/lv[i])
    return out
print("times",np.round(ts,3))
for a in [1e-4,1e-3]:
    R=np.array([run(seed,a) for seed in range(20)])
    print("alpha %g: L(t)/plateau min"%a, np.round(R.min(0),4), "max", np.round(R.max(0),4))
